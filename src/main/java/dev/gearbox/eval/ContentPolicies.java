package dev.gearbox.eval;

import dev.gearbox.catalog.Tier;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.policy.Complexity;
import dev.gearbox.policy.TierQualityModel;
import dev.gearbox.signals.SignalExtractor;
import dev.gearbox.signals.Signals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's content policies under {@code gearbox eval}, through the same code the gateway
 * runs: the signals stage on the prompt, then {@link Complexity} (the {@code heuristic} policy's
 * score) and {@link TierQualityModel} (the {@code cost-aware} selector's quality prior).
 * <ul>
 *   <li>{@code heuristic}: two-model sets score a prompt by its complexity; many-model sets put
 *       the models in tiers by mean cost (cheapest third efficient, dearest third frontier) and
 *       move the tier thresholds with lambda.</li>
 *   <li>{@code cost-aware}: maximise lambda x predicted quality - mean cost over the set's models,
 *       their tiers by mean cost as above; for two-model sets its score is the quality gap
 *       frontier minus efficient, which grows with complexity.</li>
 * </ul>
 * Neither looks at the routeset's scores: only prompts, model names and mean costs.
 */
public final class ContentPolicies {
    private ContentPolicies() {}

    public static EvalPolicies register(EvalPolicies policies) {
        return policies
                .register("heuristic", ctx -> ctx.data().meta().twoModel()
                        ? EvalPolicy.ofTwoModel(item -> Complexity.DEFAULT.score(signals(item)))
                        : EvalPolicy.ofMultiModel(heuristicMulti(CostTable.of(ctx.data()))))
                .register("cost-aware", ctx -> ctx.data().meta().twoModel()
                        ? EvalPolicy.ofTwoModel(item -> {
                            double d = Complexity.DEFAULT.score(signals(item));
                            return TierQualityModel.quality(Tier.FRONTIER, d) - TierQualityModel.quality(Tier.EFFICIENT, d);
                        })
                        : EvalPolicy.ofMultiModel(costAwareMulti(CostTable.of(ctx.data()))));
    }

    private static final SignalExtractor EXTRACTOR = new SignalExtractor();

    static Signals signals(RoutesetItem item) {
        List<Message> msgs = new ArrayList<>();
        if (item.turns() != null && !item.turns().isEmpty()) {
            for (String t : item.turns()) msgs.add(Message.text(Role.USER, t));
        } else {
            msgs.add(Message.text(Role.USER, item.prompt()));
        }
        return EXTRACTOR.extract(ChatRequest.of("eval", msgs));
    }

    /** Models of the set with their mean cost per prompt and a tier by cost tercile. */
    record PricedModel(String name, double meanCost, Tier tier) {}

    static List<PricedModel> tiers(CostTable t) {
        List<PricedModel> out = new ArrayList<>();
        for (int m = 0; m < t.models().size(); m++) {
            double sum = 0;
            for (int i = 0; i < t.size(); i++) sum += t.cost(i, m);
            out.add(new PricedModel(t.models().get(m), sum / Math.max(1, t.size()), null));
        }
        out.sort(Comparator.comparingDouble(PricedModel::meanCost));
        List<PricedModel> tiered = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            double q = out.size() == 1 ? 1 : (double) i / (out.size() - 1);
            Tier tier = q < 1.0 / 3 ? Tier.EFFICIENT : q < 2.0 / 3 ? Tier.MID : Tier.FRONTIER;
            tiered.add(new PricedModel(out.get(i).name(), out.get(i).meanCost(), tier));
        }
        return tiered;
    }

    static MultiModelRouter costAwareMulti(CostTable t) {
        List<PricedModel> models = tiers(t);
        Map<String, Double> cache = new HashMap<>();
        return (item, lambda) -> {
            double d = cache.computeIfAbsent(item.id(), k -> Complexity.DEFAULT.score(signals(item)));
            String best = null;
            double bestU = Double.NEGATIVE_INFINITY;
            for (PricedModel m : models) {
                double u = lambda * TierQualityModel.quality(m.tier(), d) - m.meanCost();
                if (u > bestU) {
                    bestU = u;
                    best = m.name();
                }
            }
            return best;
        };
    }

    static MultiModelRouter heuristicMulti(CostTable t) {
        List<PricedModel> models = tiers(t);
        double maxCost = models.get(models.size() - 1).meanCost();
        Map<String, Double> cache = new HashMap<>();
        return (item, lambda) -> {
            double d = cache.computeIfAbsent(item.id(), k -> Complexity.DEFAULT.score(signals(item)));
            // lambda (USD per quality point) scaled by the dearest model's mean cost shifts how hard a
            // prompt must be before it climbs a tier: more willingness to pay, lower thresholds.
            double shift = Math.log10(Math.max(1e-9, lambda / Math.max(1e-12, maxCost)));
            double frontierAt = 0.16 - 0.1 * shift, midAt = 0.08 - 0.1 * shift;
            Tier want = d >= frontierAt ? Tier.FRONTIER : d >= midAt ? Tier.MID : Tier.EFFICIENT;
            for (PricedModel m : models) if (m.tier() == want) return m.name();
            return models.get(0).name();
        };
    }
}
