package dev.gearbox.config;

import dev.gearbox.catalog.Catalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the optional {@code observe:} section, checking names against the routing policies and the catalog. */
final class ObserveEntries {
    static final Set<String> EVALUATORS = Set.of("json", "exact", "similarity", "judge");

    private ObserveEntries() {}

    static ObserveConfig parse(ConfigNode node, RoutingConfig routing, Catalog catalog) {
        if (node == null || node.isNull()) return ObserveConfig.DEFAULTS;
        node.allowOnly("mode", "routes", "shadow_policies", "shadow_tests", "alerts");
        String mode = node.has("mode") ? mode(node.require("mode")) : null;
        Map<String, String> routes = new LinkedHashMap<>();
        if (node.has("routes")) {
            for (Map.Entry<String, ConfigNode> e : node.require("routes").map().entrySet()) {
                if (routing.policy(e.getKey()).isEmpty()) {
                    throw e.getValue().error("route '" + e.getKey() + "' is not a routing policy", "name one of the policies under routing:");
                }
                routes.put(e.getKey(), mode(e.getValue()));
            }
        }
        List<String> shadows = new ArrayList<>();
        if (node.has("shadow_policies")) {
            for (ConfigNode p : node.require("shadow_policies").list()) {
                String name = p.asString().trim();
                if (routing.policy(name).isEmpty()) throw p.error("shadow policy '" + name + "' is not defined", "define it under routing.policies");
                shadows.add(name);
            }
        }
        ObserveConfig.ShadowTests tests = null;
        if (node.has("shadow_tests")) {
            ConfigNode t = node.require("shadow_tests");
            t.allowOnly("sample", "compare_with", "evaluators", "judge");
            double sample = t.number("sample", 0.05);
            if (!(sample >= 0 && sample <= 1)) throw t.require("sample").error("sample is a share of requests, 0..1", "e.g. sample: 0.05");
            String with = t.string("compare_with", ObserveConfig.ShadowTests.NEXT_TIER_UP).trim();
            if (!with.equals(ObserveConfig.ShadowTests.NEXT_TIER_UP) && !with.equals(ObserveConfig.ShadowTests.WOULD_ROUTE)
                    && catalog.find(with).isEmpty()) {
                throw t.require("compare_with").error("model '" + with + "' is not in the catalog", "name a model, next-tier-up or would-route");
            }
            List<String> evaluators = t.has("evaluators") ? t.require("evaluators").strings() : List.of("similarity");
            for (String ev : evaluators) {
                if (!EVALUATORS.contains(ev)) throw t.require("evaluators").error("unknown evaluator '" + ev + "'", "use " + EVALUATORS);
            }
            String judgeModel = null;
            String rubric = null;
            String judgeMode = ObserveConfig.ShadowTests.GRADED;
            if (t.has("judge")) {
                ConfigNode j = t.require("judge");
                j.allowOnly("model", "rubric", "mode");
                judgeMode = j.string("mode", ObserveConfig.ShadowTests.GRADED);
                if (!judgeMode.equals(ObserveConfig.ShadowTests.GRADED) && !judgeMode.equals(ObserveConfig.ShadowTests.PAIRWISE)) {
                    throw j.require("mode").error("judge mode is graded or pairwise", "graded: 1-10 against the reference; pairwise: which is better");
                }
                judgeModel = j.require("model").asString().trim();
                if (catalog.find(judgeModel).isEmpty()) throw j.require("model").error("judge model '" + judgeModel + "' is not in the catalog", "name a deployed model");
                rubric = j.string("rubric", "Is the answer correct, complete and helpful for the request?");
            }
            if (evaluators.contains("judge") && judgeModel == null) {
                throw t.error("the judge evaluator needs `judge: {model: ...}`", "add the judge model and, optionally, a rubric");
            }
            tests = new ObserveConfig.ShadowTests(sample, with, evaluators, judgeModel, rubric, judgeMode);
        }
        String webhook = null;
        if (node.has("alerts")) {
            ConfigNode a = node.require("alerts");
            a.allowOnly("webhook_url");
            webhook = a.string("webhook_url", null);
            if (webhook != null && !webhook.startsWith("http://") && !webhook.startsWith("https://")) {
                throw a.require("webhook_url").error("a webhook is an http(s) URL", "e.g. https://hooks.example.com/gearbox");
            }
        }
        return new ObserveConfig(mode, routes, shadows, tests, webhook);
    }

    private static String mode(ConfigNode n) {
        String m = n.asString().trim();
        if (!m.equals(ObserveConfig.OBSERVE) && !m.equals(ObserveConfig.ROUTE)) throw n.error("unknown mode '" + m + "'", "use observe or route");
        return m;
    }
}
