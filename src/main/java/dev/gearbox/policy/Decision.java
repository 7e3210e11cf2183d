package dev.gearbox.policy;

import java.util.List;

/**
 * A routing decision as data: the candidates in the order they should be tried, what was ruled out,
 * why, and which policy (and version) decided. It is what the response headers show and the ledger
 * stores; {@code threshold} is null for policies that have none. {@code escalation} is null except for
 * a cascade, whose candidates are then tried one at a time and escalated on a failed check.
 */
public record Decision(String policyId, String policyVersion, List<Candidate> candidates, List<Rejection> rejected,
                       String reason, double confidence, Double threshold, Escalation escalation) {
    public Decision {
        candidates = List.copyOf(candidates);
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
    }

    public Decision(String policyId, String policyVersion, List<Candidate> candidates, List<Rejection> rejected,
                    String reason, double confidence, Double threshold) {
        this(policyId, policyVersion, candidates, rejected, reason, confidence, threshold, null);
    }

    public String primary() {
        return candidates.isEmpty() ? null : candidates.get(0).model();
    }

    /** The route label for {@code x-gearbox-route}: the policy id, and the rule or branch when reason names one. */
    public String route() {
        return policyId;
    }
}
