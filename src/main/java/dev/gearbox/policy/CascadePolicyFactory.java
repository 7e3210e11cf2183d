package dev.gearbox.policy;

import dev.gearbox.config.ConfigNode;
import dev.gearbox.config.PolicyConfig;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code type: cascade} policy:
 * <pre>
 * - name: cheap-first
 *   type: cascade
 *   steps: [gpt-4.1-nano, gpt-4.1-mini, claude-sonnet-4-5]   # cheapest first
 *   checks: [json, refusal, empty, truncated, unknown_tool]  # default: all but confidence
 *   min_confidence: 0.6                                      # with the confidence check
 * </pre>
 */
public final class CascadePolicyFactory implements PolicyFactory {
    public static final String TYPE = "cascade";
    public static final String DEFAULT_VERSION = "1";
    /** Every check but self-reported confidence, which only some prompts ask the model to give. */
    public static final Set<Escalation.Check> DEFAULT_CHECKS = EnumSet.complementOf(EnumSet.of(Escalation.Check.CONFIDENCE));
    public static final double DEFAULT_MIN_CONFIDENCE = 0.5;

    @Override
    public Policy create(PolicyConfig config, PolicySetup setup) {
        ConfigNode body = config.body();
        body.allowOnly("name", "type", "version", "steps", "checks", "min_confidence");
        ConfigNode stepsNode = body.get("steps");
        if (stepsNode == null || !stepsNode.isList() || stepsNode.list().size() < 2) {
            throw body.error("a cascade needs at least two `steps` (models, cheapest first)",
                    "write e.g. `steps: [gpt-4.1-nano, gpt-4.1-mini]`");
        }
        List<String> steps = new ArrayList<>();
        for (ConfigNode s : stepsNode.list()) {
            String model = setup.fleet().catalog().find(s.asString()).map(m -> m.id()).orElse(s.asString());
            if (!setup.fleet().servable(model)) {
                throw s.error("model '" + s.asString() + "' has no deployment", "deploy it under `deployments:` or use one of "
                        + setup.fleet().servableModels().stream().map(m -> m.id()).toList());
            }
            if (steps.contains(model)) throw s.error("model '" + model + "' is a step twice", "list each model once");
            steps.add(model);
        }
        Set<Escalation.Check> checks = EnumSet.noneOf(Escalation.Check.class);
        ConfigNode checksNode = body.get("checks");
        if (checksNode == null) checks.addAll(DEFAULT_CHECKS);
        else {
            for (ConfigNode c : checksNode.list()) {
                Escalation.Check check = Escalation.Check.parse(c.asString());
                if (check == null) throw c.error("unknown check '" + c.asString() + "'", "use one of " + Escalation.Check.names());
                checks.add(check);
            }
        }
        double minConfidence = body.number("min_confidence", DEFAULT_MIN_CONFIDENCE);
        if (minConfidence < 0 || minConfidence > 1) {
            throw body.require("min_confidence").error("min_confidence is from 0 to 1", "write e.g. `min_confidence: 0.6`");
        }
        return new CascadePolicy(config.name(), body.string("version", DEFAULT_VERSION), steps,
                new Escalation(config.name(), checks, minConfidence));
    }
}
