package dev.gearbox.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Cascade: answer with the cheapest step, and escalate to the next when the answer fails a check
 * (invalid JSON or schema mismatch, refusal, empty, truncated, unknown tool, low self-reported
 * confidence). Deciding is instant: the decision lists the steps and carries the
 * {@link Escalation} plan; the dispatch stage runs it.
 */
public final class CascadePolicy implements Policy {
    private final String id;
    private final String version;
    private final List<String> steps;
    private final Escalation escalation;

    CascadePolicy(String id, String version, List<String> steps, Escalation escalation) {
        this.id = id;
        this.version = version;
        this.steps = List.copyOf(steps);
        this.escalation = escalation;
    }

    @Override public String id() { return id; }
    @Override public String version() { return version; }

    @Override
    public Decision decide(RoutingInput input) {
        List<Candidate> cands = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) cands.add(new Candidate(steps.get(i), 1.0, i == 0 ? "first step" : "escalation " + i));
        return new Decision(id, version, cands, List.of(), "cascade " + String.join(" -> ", steps), 1.0, null, escalation);
    }

    public Escalation escalation() {
        return escalation;
    }

    public List<String> steps() {
        return steps;
    }
}
