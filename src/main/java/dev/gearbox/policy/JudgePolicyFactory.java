package dev.gearbox.policy;

import dev.gearbox.config.ConfigNode;
import dev.gearbox.config.PolicyConfig;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code type: judge} policy:
 * <pre>
 * - name: judged
 *   type: judge
 *   model: gpt-4.1-nano          # the judge; must be deployed
 *   timeout_ms: 400
 *   labels:
 *     simple: {model: gpt-4.1-nano}
 *     moderate: {tier: mid}
 *     complex: {tier: frontier}
 *   fallback: by-topic           # the policy that decides when the judge cannot
 * </pre>
 */
public final class JudgePolicyFactory implements PolicyFactory {
    public static final String TYPE = "judge";
    public static final String DEFAULT_VERSION = "1";
    /** A judge slower than this costs more latency than routing can save on a typical request. */
    public static final long DEFAULT_TIMEOUT_MS = 400;
    /** Enough for {"label": "MODERATE"} in any tokenizer. */
    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 16;

    @Override
    public Policy create(PolicyConfig config, PolicySetup setup) {
        ConfigNode body = config.body();
        body.allowOnly("name", "type", "version", "model", "timeout_ms", "max_output_tokens", "labels", "fallback");
        ConfigNode modelNode = body.get("model");
        if (modelNode == null) throw body.error("a judge policy needs the judge's `model`", "add e.g. `model: gpt-4.1-nano`");
        String judge = setup.fleet().catalog().find(modelNode.asString()).map(m -> m.id()).orElse(modelNode.asString());
        if (!setup.fleet().servable(judge)) {
            throw modelNode.error("judge model '" + modelNode.asString() + "' has no deployment",
                    "deploy it under `deployments:` or use one of " + setup.fleet().servableModels().stream().map(m -> m.id()).toList());
        }
        long timeoutMs = body.longValue("timeout_ms", DEFAULT_TIMEOUT_MS);
        if (timeoutMs < 1) throw body.require("timeout_ms").error("timeout_ms must be at least 1", "write e.g. `timeout_ms: 400`");
        int maxOut = body.integer("max_output_tokens", DEFAULT_MAX_OUTPUT_TOKENS);
        if (maxOut < 1) throw body.require("max_output_tokens").error("max_output_tokens must be at least 1", "write e.g. 16");

        ConfigNode labels = body.get("labels");
        if (labels == null || !labels.isMap()) {
            throw body.error("a judge policy needs `labels` mapping simple, moderate and complex to targets",
                    "add `labels: {simple: {tier: efficient}, moderate: {tier: mid}, complex: {tier: frontier}}`");
        }
        labels.allowOnly("simple", "moderate", "complex");
        Map<Judgement.Level, Target> targets = new EnumMap<>(Judgement.Level.class);
        for (Judgement.Level l : Judgement.Level.values()) {
            ConfigNode t = labels.get(l.name().toLowerCase(Locale.ROOT));
            if (t == null) throw labels.error("label " + l.name().toLowerCase(Locale.ROOT) + " has no target", "add `"
                    + l.name().toLowerCase(Locale.ROOT) + ": {tier: ...}`");
            t.allowOnly("model", "tier", "policy", "fallbacks");
            targets.put(l, RulesPolicyFactory.target(t, config.name(), setup));
        }
        ConfigNode fb = body.get("fallback");
        if (fb == null || !fb.isScalar()) {
            throw body.error("a judge policy needs a `fallback` policy for when the judge times out or answers nonsense",
                    "add `fallback: NAME` naming one of " + setup.policyNames());
        }
        String fallback = fb.asString();
        if (fallback.equals(config.name())) throw fb.error("a judge cannot fall back to itself", "name another policy");
        if (!setup.policyNames().contains(fallback)) {
            throw fb.error("unknown policy '" + fallback + "'", "use one of " + setup.policyNames());
        }
        return new JudgePolicy(config.name(), body.string("version", DEFAULT_VERSION),
                new JudgeNeed(config.name(), judge, Duration.ofMillis(timeoutMs), maxOut), targets, fallback,
                setup.fleet(), setup.policies());
    }
}
