package dev.gearbox.policy;

import dev.gearbox.catalog.Fleet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a chosen {@link Target} into a {@link Decision}: the target's models in order, or, for a
 * delegate, the other policy's decision followed by the target's fallbacks. Shared by the policies
 * that pick a target (semantic routes, judge labels).
 */
final class TargetDecisions {
    private TargetDecisions() {}

    static Decision decide(String id, String version, RoutingInput input, Target target, String reason,
                           double confidence, Double threshold, Fleet fleet, Function<String, Policy> policies) {
        if (target instanceof Target.Delegate d) {
            Decision inner = policies.apply(d.policy()).decide(input);
            List<Candidate> cands = new ArrayList<>(inner.candidates());
            for (String f : d.fallbacks()) cands.add(new Candidate(f, 0, "fallback"));
            return new Decision(id + ">" + inner.policyId(), version, cands, inner.rejected(),
                    reason + "; " + inner.reason(), confidence, threshold, inner.escalation());
        }
        List<String> models = target.models(fleet);
        List<Candidate> cands = new ArrayList<>(models.size());
        for (int i = 0; i < models.size(); i++) {
            cands.add(new Candidate(models.get(i), i == 0 ? confidence : 0, i == 0 ? "primary" : "fallback"));
        }
        return new Decision(id, version, cands, List.of(), reason, confidence, threshold);
    }

    /** What {@code targets} may ask for when they delegate to other policies. */
    static Set<Need<?>> delegatedNeeds(List<Target> targets, Function<String, Policy> policies) {
        Set<Need<?>> out = new LinkedHashSet<>();
        for (Target t : targets) {
            if (t instanceof Target.Delegate d) out.addAll(policies.apply(d.policy()).needs());
        }
        return out;
    }
}
