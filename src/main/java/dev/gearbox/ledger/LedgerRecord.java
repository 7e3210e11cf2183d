package dev.gearbox.ledger;

import dev.gearbox.chat.Usage;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.pipeline.AttemptRecord;
import dev.gearbox.policy.Decision;
import dev.gearbox.signals.Signals;
import java.util.List;

/**
 * What Gearbox remembers about one request: who asked, how it was routed and why, every attempt,
 * what it cost, and what the same request would have cost on the baseline model.
 *
 * @param status         HTTP status the client got
 * @param errorClass     the final error's class, null on success
 * @param costUsd        the sum of every attempt's cost (failed attempts that were billed included)
 * @param baselineCostUsd the cost of the served usage priced at the baseline model, or NaN when none is set
 * @param escalations    the checks a cascade escalated on, in order
 * @param prompt         the prompt as the ledger's {@code redact} setting allows: null, a SHA-256, or the text
 */
public record LedgerRecord(String requestId, long epochMillis, String keyId, String team, String tag, String callerTier,
                           String ingress, String requestedModel, boolean stream, Signals signals, Decision decision,
                           List<AttemptRecord> attempts, String servedModel, String provider, int status,
                           ErrorClass errorClass, Usage usage, double costUsd, double baselineCostUsd,
                           long latencyMillis, long ttftMillis, List<String> escalations, String prompt) {
    public LedgerRecord {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        escalations = escalations == null ? List.of() : List.copyOf(escalations);
    }
}
