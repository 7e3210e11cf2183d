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
 *   quality: learned             # default tier-prior
 *   router: routers/quality.router.json      # with quality: learned (gearbox train on a multi-model routeset)
 *   models: {gpt-4o: gpt-4-1106-preview}     # catalog model -> the router's model; others keep the tier prior
 * </pre>
 * The quality model is the tier prior ({@link TierQualityModel}), a trained router's predictions
 * ({@code learned}), or another registered under the policy's {@code quality} name.
 */
public final class CostAwarePolicyFactory implements PolicyFactory {
    public static final String TYPE = "cost-aware";
    static final String LEARNED = "learned";
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
        body.allowOnly("name", "type", "version", "lambda", "expected_output_tokens", "latency", "quality", "router", "models");
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
        if (q != null && q.asString().equals(LEARNED)) {
            quality = learned(body, setup, quality);
        } else if (body.has("router") || body.has("models")) {
            throw body.error("`router` and `models` go with quality: learned", "add quality: learned, or remove them");
        } else if (q != null && !q.asString().equals("tier-prior")) {
            quality = qualityModels.apply(q.asString(), body);
            if (quality == null) throw q.error("unknown quality model '" + q.asString() + "'", "use tier-prior or learned");
        }
        if (setup.fleet().servableModels().isEmpty()) throw body.error("no deployed models to route to", "add deployments");
        return new CostAwarePolicy(config.name(), body.string("version", "1"), lambda, out, quality, speeds, setup.fleet());
    }

    /** {@code quality: learned}: the router file (read now, off the event loop) and which catalog model is which of its models. */
    private static QualityModel learned(ConfigNode body, PolicySetup setup, QualityModel prior) {
        ConfigNode node = body.get("router");
        if (node == null) throw body.error("quality: learned needs a `router` file", "train one: ./gearbox train --data SET.jsonl --out quality.router.json");
        java.nio.file.Path file = java.nio.file.Path.of(node.asString().trim());
        if (!java.nio.file.Files.isRegularFile(file)) throw node.error("router file " + file + " does not exist", "train one with ./gearbox train --data ... --out " + file);
        dev.gearbox.learn.QualityRouter router;
        try {
            router = dev.gearbox.learn.QualityRouterFile.read(file);
        } catch (java.io.IOException | RuntimeException e) {
            throw node.error("cannot read router file " + file + ": " + e.getMessage(), "train it again with ./gearbox train");
        }
        ConfigNode models = body.get("models");
        if (models == null || !models.isMap() || models.map().isEmpty()) {
            throw body.error("quality: learned needs `models`: which catalog model is which of the router's " + router.models(),
                    "e.g. models: {my-model: " + router.models().get(0) + "}");
        }
        Map<String, String> mapping = new java.util.LinkedHashMap<>();
        models.map().forEach((catalogId, routerModel) -> {
            if (setup.fleet().catalog().find(catalogId).isEmpty()) {
                throw routerModel.error("'" + catalogId + "' is not a model in the catalog", "use one of the catalog's model ids");
            }
            if (router.indexOf(routerModel.asString()) < 0) {
                throw routerModel.error("the router has no model '" + routerModel.asString() + "'", "it knows " + router.models());
            }
            mapping.put(catalogId, routerModel.asString());
        });
        return new LearnedQualityModel(router, mapping, prior);
    }
}
