package dev.gearbox.pipeline;

import dev.gearbox.chat.Usage;
import dev.gearbox.error.ErrorClass;

/**
 * One call to one deployment, successful or not, as the ledger stores it. {@code errorClass} is
 * null on success; {@code ttftMillis} is -1 when no first token arrived or the call was not streamed.
 * {@code kind} says why the call was made: to answer the client, or to help route (a judge).
 */
public record AttemptRecord(String deployment, String provider, String model, int status, ErrorClass errorClass,
                            long latencyMillis, long ttftMillis, Usage usage, double costUsd, Kind kind) {
    /** Why a call was made; every kind is billed and summed into the request's cost. */
    public enum Kind {
        /** A call that could answer the client (first try, fallback, or cascade step). */
        SERVE,
        /** A judge model labelling the request for routing; never the answer. */
        JUDGE,
        /** A call stopped because another answered first (hedging); billed for what it used. */
        CANCELLED;

        private final String wire = name().toLowerCase(java.util.Locale.ROOT);

        public String wire() {
            return wire;
        }
    }

    public AttemptRecord {
        if (kind == null) kind = Kind.SERVE;
    }

    /** An attempt to answer the client. */
    public AttemptRecord(String deployment, String provider, String model, int status, ErrorClass errorClass,
                         long latencyMillis, long ttftMillis, Usage usage, double costUsd) {
        this(deployment, provider, model, status, errorClass, latencyMillis, ttftMillis, usage, costUsd, Kind.SERVE);
    }

    public AttemptRecord withKind(Kind k) {
        return new AttemptRecord(deployment, provider, model, status, errorClass, latencyMillis, ttftMillis, usage, costUsd, k);
    }
}
