package dev.gearbox.policy;

import dev.gearbox.catalog.Tier;
import dev.gearbox.config.ConfigNode;
import dev.gearbox.config.PolicyConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code type: rules} policy:
 * <pre>
 * - name: auto-rules
 *   type: rules
 *   rules:
 *     - name: summaries
 *       when: {tag: summarize}
 *       model: gpt-4o-mini
 *       fallbacks: [gpt-4.1-mini]
 *     - when: {metadata: {feature: [code_review, architecture]}}
 *       tier: frontier
 *   default: {tier: mid}
 * </pre>
 * {@code overrides} (same shape as {@code rules}) are checked first, e.g. high-stakes requests
 * always to the frontier tier. A {@code when} may test every signal: see {@link Condition#KEYS}.
 */
public final class RulesPolicyFactory implements PolicyFactory {
    public static final String TYPE = "rules";
    public static final String DEFAULT_VERSION = "1";

    @Override
    public Policy create(PolicyConfig config, PolicySetup setup) {
        ConfigNode body = config.body();
        body.allowOnly("name", "type", "version", "overrides", "rules", "default");
        // Overrides (e.g. high-stakes requests -> frontier) are checked before any rule.
        List<Rule> rules = new ArrayList<>(rules(body.get("overrides"), "override ", config, setup));
        rules.addAll(rules(body.get("rules"), "", config, setup));
        ConfigNode dflt = body.get("default");
        if (dflt == null) {
            throw body.error("a rules policy needs a default target", "add `default: {tier: mid}` or `default: {model: NAME}`");
        }
        dflt.allowOnly("model", "tier", "policy", "fallbacks");
        Target fallbackTarget = target(dflt, config.name(), setup);
        return new RulesPolicy(config.name(), body.string("version", DEFAULT_VERSION), rules, fallbackTarget,
                setup.fleet(), setup.policies());
    }

    private static List<Rule> rules(ConfigNode list, String prefix, PolicyConfig config, PolicySetup setup) {
        List<Rule> rules = new ArrayList<>();
        if (list == null || list.isNull()) return rules;
        int i = 0;
        for (ConfigNode r : list.list()) {
            r.allowOnly("name", "when", "model", "tier", "policy", "fallbacks");
            String name = prefix + r.string("name", "#" + (i + 1));
            ConfigNode when = r.get("when");
            Condition c = when == null || when.isNull() ? Condition.ALWAYS : Condition.parse(when);
            rules.add(new Rule(name, c, target(r, config.name(), setup)));
            i++;
        }
        return rules;
    }

    static Target target(ConfigNode node, String self, PolicySetup setup) {
        int set = (node.has("model") ? 1 : 0) + (node.has("tier") ? 1 : 0) + (node.has("policy") ? 1 : 0);
        if (set != 1) {
            throw node.error("a rule target needs exactly one of model, tier or policy", "write e.g. `model: gpt-4o-mini`");
        }
        List<String> fallbacks = new ArrayList<>();
        ConfigNode fb = node.get("fallbacks");
        if (fb != null) {
            for (ConfigNode f : fb.list()) fallbacks.add(servableModel(f, setup));
        }
        if (node.has("model")) return new Target.Model(servableModel(node.require("model"), setup), fallbacks);
        if (node.has("tier")) {
            ConfigNode t = node.require("tier");
            Tier tier = Tier.parse(t.asString());
            if (tier == null) throw t.error("unknown tier '" + t.asString() + "'", "use frontier, mid or efficient");
            if (setup.fleet().servableInTier(tier).isEmpty() && fallbacks.isEmpty()) {
                throw t.error("no deployed model is in tier " + tier.wire(), "add a deployment of a " + tier.wire()
                        + " model, or route to a model instead");
            }
            return new Target.OfTier(tier, fallbacks);
        }
        ConfigNode p = node.require("policy");
        String name = p.asString();
        if (name.equals(self)) throw p.error("a policy cannot delegate to itself", "name another policy");
        if (!setup.policyNames().contains(name)) {
            throw p.error("unknown policy '" + name + "'", "use one of " + setup.policyNames());
        }
        return new Target.Delegate(name, fallbacks);
    }

    private static String servableModel(ConfigNode n, PolicySetup setup) {
        String name = n.asString();
        String model = setup.fleet().catalog().find(name).map(m -> m.id()).orElse(name);
        if (!setup.fleet().servable(model)) {
            List<String> known = new ArrayList<>();
            setup.fleet().servableModels().forEach(m -> known.add(m.id()));
            throw n.error("model '" + name + "' has no deployment", "deploy it under `deployments:` or use one of " + known);
        }
        return model;
    }

}
