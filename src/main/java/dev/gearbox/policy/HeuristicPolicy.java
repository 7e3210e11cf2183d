package dev.gearbox.policy;

import dev.gearbox.catalog.Fleet;
import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.catalog.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Content heuristics ({@code type: heuristic}): the complexity score of the request picks a tier,
 * frontier at or above {@code frontier} threshold, mid at or above {@code mid}, efficient below;
 * candidates are that tier's models cheapest first, then the tiers above as fallbacks. The score
 * is each candidate's score, the crossed threshold the decision's threshold, and the distance to
 * the nearest threshold its confidence.
 */
public final class HeuristicPolicy implements Policy {
    private final String id;
    private final String version;
    private final Complexity complexity;
    private final double frontierAt;
    private final double midAt;
    private final Fleet fleet;

    HeuristicPolicy(String id, String version, Complexity complexity, double frontierAt, double midAt, Fleet fleet) {
        this.id = id;
        this.version = version;
        this.complexity = complexity;
        this.frontierAt = frontierAt;
        this.midAt = midAt;
        this.fleet = fleet;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Decision decide(RoutingInput input) {
        Map<String, Double> f = complexity.features(input.signals());
        double score = complexity.score(f);
        Tier tier = score >= frontierAt ? Tier.FRONTIER : score >= midAt ? Tier.MID : Tier.EFFICIENT;
        double threshold = tier == Tier.FRONTIER ? frontierAt : tier == Tier.MID ? midAt : midAt;
        List<Candidate> cands = new ArrayList<>();
        Tier[] order = switch (tier) {
            case FRONTIER -> new Tier[] {Tier.FRONTIER, Tier.MID};
            case MID -> new Tier[] {Tier.MID, Tier.FRONTIER};
            case EFFICIENT -> new Tier[] {Tier.EFFICIENT, Tier.MID, Tier.FRONTIER};
        };
        for (Tier t : order) {
            for (ModelInfo m : fleet.servableInTier(t)) {
                cands.add(new Candidate(m.id(), round(score), cands.isEmpty() ? "primary" : "fallback"));
            }
        }
        double margin = Math.min(Math.abs(score - frontierAt), Math.abs(score - midAt));
        String reason = String.format(Locale.ROOT, "complexity %.2f %s %.2f %s -> tier %s", score,
                score >= threshold ? ">=" : "<", threshold, Complexity.explain(f), tier.wire());
        return new Decision(id, version, cands, List.of(), reason, Math.min(1.0, 0.5 + margin * 2), threshold);
    }

    /** The complexity score alone: the eval's {@code p_strong} for two-model routesets. */
    public double score(RoutingInput input) {
        return complexity.score(input.signals());
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
