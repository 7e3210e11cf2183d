package dev.gearbox.policy;

import dev.gearbox.catalog.Tier;
import dev.gearbox.config.ConfigNode;
import dev.gearbox.config.PolicyConfig;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads a {@code type: cost-aware} policy:
 * <pre>
 * - name: auto-cost
 *   type: cost-aware
 *   lambda: 0.1                  # quality given up per cent of expected cost
 *   expected_output_tokens: 400  # priced when the request sets no max_tokens
 *   latency:                     # expected speed per tier, for callers with a latency SLA
 *     frontier: {ttft_ms: 800, tokens_per_second: 60}
 * </pre>
 * The quality model is the tier prior ({@link TierQualityModel}) unless another is registered
 * under the policy's {@code quality} name (a learned router registers itself there).
 */
public final class CostAwarePolicyFactory implements PolicyFactory {
    public static final String TYPE = "cost-aware";
    private final BiFunction<String, ConfigNode, QualityModel> qualityModels;

    public CostAwarePolicyFactory() {
        this((name, node) -> null);
    }

    /** @param qualityModels named quality models beyond {@code tier-prior}; return null for an unknown name */
    public CostAwarePolicyFactory(BiFunction<String, ConfigNode, QualityModel> qualityModels) {
        this.qualityModels = qualityModels;
    }

    @Override
    public Policy create(PolicyConfig config, PolicySetup setup) {
        ConfigNode body = config.body();
        body.allowOnly("name", "type", "version", "lambda", "expected_output_tokens", "latency", "quality");
        double lambda = body.number("lambda", 0.1);
        if (lambda < 0) throw body.require("lambda").error("lambda cannot be negative", "use 0 to ignore cost");
        int out = body.integer("expected_output_tokens", 400);
        if (out < 1) throw body.require("expected_output_tokens").error("must be positive", "e.g. 400");
        Map<Tier, CostAwarePolicy.Speed> speeds = new EnumMap<>(Tier.class);
        speeds.put(Tier.FRONTIER, new CostAwarePolicy.Speed(800, 60));
        speeds.put(Tier.MID, new CostAwarePolicy.Speed(500, 90));
        speeds.put(Tier.EFFICIENT, new CostAwarePolicy.Speed(300, 150));
        ConfigNode lat = body.get("latency");
        if (lat != null) {
            lat.allowOnly("frontier", "mid", "efficient");
            lat.map().forEach((k, v) -> {
                v.allowOnly("ttft_ms", "tokens_per_second");
                Tier t = Tier.parse(k);
                CostAwarePolicy.Speed d = speeds.get(t);
                speeds.put(t, new CostAwarePolicy.Speed(v.integer("ttft_ms", d.ttftMs()),
                        Math.max(1, v.integer("tokens_per_second", d.tokensPerSecond()))));
            });
        }
        QualityModel quality = new TierQualityModel(Complexity.DEFAULT);
        ConfigNode q = body.get("quality");
        if (q != null && !q.asString().equals("tier-prior")) {
            quality = qualityModels.apply(q.asString(), body);
            if (quality == null) throw q.error("unknown quality model '" + q.asString() + "'", "use tier-prior");
        }
        if (setup.fleet().servableModels().isEmpty()) throw body.error("no deployed models to route to", "add deployments");
        return new CostAwarePolicy(config.name(), body.string("version", "1"), lambda, out, quality, speeds, setup.fleet());
    }
}
