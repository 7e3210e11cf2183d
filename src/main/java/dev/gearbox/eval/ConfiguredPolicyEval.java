package dev.gearbox.eval;

import dev.gearbox.catalog.Fleet;
import dev.gearbox.catalog.Tier;
import dev.gearbox.pipeline.Caller;
import dev.gearbox.policy.Decision;
import dev.gearbox.policy.Router;
import dev.gearbox.policy.RoutingInput;
import dev.gearbox.signals.Signals;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Any policy of a gateway config under {@code gearbox eval --config FILE --policy NAME}: each
 * prompt is routed by the gateway's own Router exactly as a request with {@code "model": NAME}
 * would be, and the decision's first model is read by its tier. Two-model sets score a prompt by
 * that tier (frontier 1, mid 0.5, efficient 0, plus the candidate's own score as a tie-break);
 * many-model sets send it to the set's model of that tier (tiers by mean cost, as
 * {@link ContentPolicies} does), so rules, tiers and delegation are evaluated, not re-implemented.
 */
public final class ConfiguredPolicyEval {
    private ConfiguredPolicyEval() {}

    static EvalPolicy create(PolicyContext ctx, Router router, Fleet fleet, String policy) {
        Caller caller = new Caller("eval", null, null, Map.of());
        Map<String, Decision> cache = new HashMap<>();
        java.util.function.Function<RoutesetItem, Decision> decide = item -> cache.computeIfAbsent(item.id(), k -> {
            Signals s = ContentPolicies.signals(item);
            var req = dev.gearbox.chat.ChatRequest.of(policy, List.of(dev.gearbox.chat.Message.text(
                    dev.gearbox.chat.Role.USER, item.prompt())));
            return router.route(new RoutingInput(req, s, caller));
        });
        if (ctx.data().meta().twoModel()) {
            return EvalPolicy.ofTwoModel(item -> {
                Decision d = decide.apply(item);
                Tier t = fleet.info(d.primary()).tier();
                double rank = t == Tier.FRONTIER ? 1.0 : t == Tier.MID ? 0.5 : 0.0;
                double score = d.candidates().get(0).score();
                return rank + 1e-3 * Math.max(-1, Math.min(1, score));
            });
        }
        List<ContentPolicies.PricedModel> models = ContentPolicies.tiers(CostTable.of(ctx.data()));
        return EvalPolicy.ofMultiModel((item, lambda) -> {
            Tier want = fleet.info(decide.apply(item).primary()).tier();
            for (ContentPolicies.PricedModel m : models) if (m.tier() == want) return m.name();
            return models.get(models.size() - 1).name();
        });
    }
}
