package dev.gearbox.policy;

import dev.gearbox.catalog.Fleet;
import dev.gearbox.learn.LearnedRouter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * A trained router ({@code gearbox train}) choosing between a strong and a weak target: the
 * prompt's embedding and text give a score; at or above the operating threshold the strong target
 * serves (the weak one as its fallback), below it the weak one (the strong as fallback). The
 * decision's confidence is the calibrated probability that the strong model does better.
 */
public final class LearnedPolicy implements Policy {
    private final String id;
    private final String version;
    private final LearnedRouter router;
    private final double threshold;
    private final String operatingPoint;
    private final Target strong;
    private final Target weak;
    private final Fleet fleet;
    private final Function<String, Policy> policies;
    private final LearnedScore need;

    LearnedPolicy(String id, String version, LearnedRouter router, double threshold, String operatingPoint, Target strong,
                  Target weak, Fleet fleet, Function<String, Policy> policies) {
        this.id = id;
        this.version = version;
        this.router = router;
        this.threshold = threshold;
        this.operatingPoint = operatingPoint;
        this.strong = strong;
        this.weak = weak;
        this.fleet = fleet;
        this.policies = policies;
        this.need = new LearnedScore(router);
    }

    @Override public String id() { return id; }
    @Override public String version() { return version; }

    public double threshold() { return threshold; }

    @Override
    public Set<Need<?>> needs() {
        Set<Need<?>> out = new LinkedHashSet<>();
        out.add(need);
        out.addAll(TargetDecisions.delegatedNeeds(List.of(strong, weak), policies));
        return out;
    }

    @Override
    public Decision decide(RoutingInput input) {
        double score = input.prepared().require(need);
        double p = router.probability(score);
        boolean toStrong = score >= threshold;
        Target chosen = toStrong ? strong : weak;
        Target other = toStrong ? weak : strong;
        String reason = String.format(Locale.ROOT, "learned score %.4f %s threshold %.4f (%s), P(strong better) %.2f -> %s",
                score, toStrong ? ">=" : "<", threshold, operatingPoint, p, chosen.describe());
        Decision d = TargetDecisions.decide(id, version, input, chosen, reason, p, threshold, fleet, policies);
        // the other side is the last resort: a weak answer beats none when the strong one fails, and the reverse
        List<String> extra = other instanceof Target.Delegate ? List.of() : other.models(fleet);
        if (extra.isEmpty()) return d;
        List<Candidate> cands = new java.util.ArrayList<>(d.candidates());
        for (String m : extra) if (cands.stream().noneMatch(c -> c.model().equals(m))) cands.add(new Candidate(m, 0, "fallback"));
        return new Decision(d.policyId(), d.policyVersion(), cands, d.rejected(), d.reason(), d.confidence(), d.threshold(), d.escalation());
    }
}
