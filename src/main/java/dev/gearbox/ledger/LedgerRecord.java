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
 * @param mode           observe (decided and recorded, served as asked) or route
 * @param wouldModel     in observe mode, the model the decision would have sent the request to (else null)
 * @param projectedCostUsd in observe mode, the served usage priced at {@code wouldModel} (else NaN)
 * @param shadows        the shadow policies' decisions
 */
public record LedgerRecord(String requestId, long epochMillis, String keyId, String team, String tag, String callerTier,
                           String ingress, String requestedModel, boolean stream, Signals signals, Decision decision,
                           List<AttemptRecord> attempts, String servedModel, String provider, int status,
                           ErrorClass errorClass, Usage usage, double costUsd, double baselineCostUsd,
                           long latencyMillis, long ttftMillis, List<String> escalations, String prompt,
                           String mode, String wouldModel, double projectedCostUsd, List<ShadowDecision> shadows) {
    public LedgerRecord {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        escalations = escalations == null ? List.of() : List.copyOf(escalations);
        shadows = shadows == null ? List.of() : List.copyOf(shadows);
        if (mode == null) mode = "route";
    }

    /** The same record with the shadow policies' decisions (computed after the response was sent). */
    public LedgerRecord withShadows(List<ShadowDecision> s) {
        return new LedgerRecord(requestId, epochMillis, keyId, team, tag, callerTier, ingress, requestedModel, stream, signals,
                decision, attempts, servedModel, provider, status, errorClass, usage, costUsd, baselineCostUsd, latencyMillis,
                ttftMillis, escalations, prompt, mode, wouldModel, projectedCostUsd, s);
    }
}
