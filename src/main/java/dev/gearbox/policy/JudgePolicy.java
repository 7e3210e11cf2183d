package dev.gearbox.policy;

import dev.gearbox.catalog.Fleet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * LLM-as-judge: a cheap model labels the request SIMPLE, MODERATE or COMPLEX under a strict timeout
 * and the label picks a target. When the judge times out, fails, or answers something unusable, a
 * named fallback policy decides instead, and the reason says which of the three happened. The
 * judge call is billed to the request as an attempt of kind judge.
 */
public final class JudgePolicy implements Policy {
    private final String id;
    private final String version;
    private final JudgeNeed need;
    private final Map<Judgement.Level, Target> targets;
    private final String fallbackPolicy;
    private final Fleet fleet;
    private final Function<String, Policy> policies;

    JudgePolicy(String id, String version, JudgeNeed need, Map<Judgement.Level, Target> targets, String fallbackPolicy,
                Fleet fleet, Function<String, Policy> policies) {
        this.id = id;
        this.version = version;
        this.need = need;
        this.targets = new EnumMap<>(targets);
        this.fallbackPolicy = fallbackPolicy;
        this.fleet = fleet;
        this.policies = policies;
    }

    @Override public String id() { return id; }
    @Override public String version() { return version; }

    @Override
    public Set<Need<?>> needs() {
        Set<Need<?>> out = new LinkedHashSet<>();
        out.add(need);
        List<Target> all = new ArrayList<>(targets.values());
        all.add(new Target.Delegate(fallbackPolicy, List.of()));
        out.addAll(TargetDecisions.delegatedNeeds(all, policies));
        return out;
    }

    @Override
    public Decision decide(RoutingInput input) {
        Judgement j = input.prepared().require(need);
        if (j instanceof Judgement.Label l) {
            Target t = targets.get(l.level());
            return TargetDecisions.decide(id, version, input, t,
                    "judge " + need.model() + ": " + l.level() + " -> " + t.describe(), 1.0, null, fleet, policies);
        }
        Judgement.NoLabel n = (Judgement.NoLabel) j;
        String why = switch (n.why()) {
            case TIMEOUT -> "judge timed out after " + need.timeout().toMillis() + " ms";
            case UNUSABLE -> "judge answer unusable " + n.detail();
            case ERROR -> "judge failed (" + n.detail() + ")";
        };
        Decision inner = policies.apply(fallbackPolicy).decide(input);
        return new Decision(id + ">" + inner.policyId(), version, inner.candidates(), inner.rejected(),
                why + " -> fallback policy " + fallbackPolicy + "; " + inner.reason(), inner.confidence(), inner.threshold(), inner.escalation());
    }

    /** The judge's model and the request it would be sent, for eval and tests. */
    JudgeNeed judge() {
        return need;
    }
}
