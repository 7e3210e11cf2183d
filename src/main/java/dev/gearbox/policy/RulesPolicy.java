package dev.gearbox.policy;

import dev.gearbox.catalog.Fleet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * First-match static rules over the caller (tag, key, tier, metadata) and simple signals, each
 * sending the request to a model, a tier, or another policy; a default target when none matches.
 */
public final class RulesPolicy implements Policy {
    private final String id;
    private final String version;
    private final List<Rule> rules;
    private final Target fallbackTarget;
    private final Fleet fleet;
    private final Function<String, Policy> policies;

    RulesPolicy(String id, String version, List<Rule> rules, Target fallbackTarget, Fleet fleet,
                Function<String, Policy> policies) {
        this.id = id;
        this.version = version;
        this.rules = List.copyOf(rules);
        this.fallbackTarget = fallbackTarget;
        this.fleet = fleet;
        this.policies = policies;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String version() {
        return version;
    }

    /** What the policies this one may delegate to can ask for (rules themselves need nothing slow). */
    @Override
    public Set<Need<?>> needs() {
        List<Target> targets = new ArrayList<>(rules.size() + 1);
        for (Rule r : rules) targets.add(r.target());
        targets.add(fallbackTarget);
        return TargetDecisions.delegatedNeeds(targets, policies);
    }

    @Override
    public Decision decide(RoutingInput input) {
        for (Rule r : rules) {
            if (r.when().matches(input)) return decide(input, r.target(), "rule " + r.name() + " -> " + r.target().describe());
        }
        return decide(input, fallbackTarget, "default -> " + fallbackTarget.describe());
    }

    private Decision decide(RoutingInput input, Target target, String reason) {
        if (target instanceof Target.Delegate d) {
            Decision inner = policies.apply(d.policy()).decide(input);
            List<Candidate> cands = new ArrayList<>(inner.candidates());
            for (String f : d.fallbacks()) cands.add(new Candidate(f, 0, "fallback"));
            return new Decision(id + ">" + inner.policyId(), version, cands, inner.rejected(),
                    reason + "; " + inner.reason(), inner.confidence(), inner.threshold(), inner.escalation());
        }
        List<String> models = target.models(fleet);
        List<Candidate> cands = new ArrayList<>(models.size());
        for (int i = 0; i < models.size(); i++) {
            cands.add(new Candidate(models.get(i), 1.0, i == 0 ? "primary" : "fallback"));
        }
        return new Decision(id, version, cands, List.of(), reason, 1.0, null);
    }
}
