package dev.gearbox.config;

import dev.gearbox.catalog.Catalog;
import dev.gearbox.catalog.ModelInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code deployments:} section, tying each entry to a declared provider and a catalog model. */
final class DeploymentEntries {
    private DeploymentEntries() {}

    static List<Deployment> parse(ConfigNode section, List<ProviderConfig> providers, Catalog catalog) {
        Map<String, ProviderConfig> byName = new HashMap<>();
        providers.forEach(p -> byName.put(p.name(), p));
        List<Deployment> out = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (ConfigNode d : section.list()) {
            if (!d.isMap()) throw d.error("a deployment must be a map", "write it as '- model: ...' with provider:");
            d.allowOnly("model", "provider", "upstream_model", "id", "weight", "rpm", "tpm");
            ConfigNode modelNode = d.require("model");
            String written = modelNode.asString().trim();
            ModelInfo model = catalog.find(written).orElseThrow(() -> unknownModel(modelNode, written, catalog));
            ProviderConfig provider = provider(d.require("provider"), byName, providers);
            String upstream = d.string("upstream_model", written).trim();
            ConfigNode idNode = d.get("id");
            String id = d.string("id", provider.name() + "/" + model.id()).trim();
            Integer previous = firstLine.putIfAbsent(id, (idNode == null ? d : idNode).line());
            if (previous != null) {
                throw (idNode == null ? d : idNode).error(
                        "duplicate deployment id '" + id + "' (first defined at line " + previous + ")",
                        "give each deployment of the same model and provider its own 'id:'");
            }
            int weight = atLeast(d, "weight", 1, 1, "remove the deployment to stop using it");
            int rpm = atLeast(d, "rpm", 0, 0, "0 means unknown or unlimited");
            int tpm = atLeast(d, "tpm", 0, 0, "0 means unknown or unlimited");
            out.add(new Deployment(id, model.id(), upstream, provider, weight, rpm, tpm));
        }
        return out;
    }

    private static ConfigException unknownModel(ConfigNode node, String model, Catalog catalog) {
        List<String> close = catalog.closeMatches(model, 3);
        return node.error("model '" + model + "' is not in the catalog",
                (close.isEmpty() ? "" : "did you mean " + String.join(", ", close) + "? ")
                        + "or describe it under 'catalog:' (id, vendor, tier, context_window, max_output, price)");
    }

    private static ProviderConfig provider(ConfigNode node, Map<String, ProviderConfig> byName, List<ProviderConfig> all) {
        String name = node.asString().trim();
        ProviderConfig p = byName.get(name);
        if (p != null) return p;
        if (all.isEmpty()) {
            throw node.error("unknown provider '" + name + "'", "declare it under 'providers:' first");
        }
        List<String> known = all.stream().map(ProviderConfig::name).toList();
        List<String> close = DidYouMean.closest(name, known, 1);
        throw node.error("unknown provider '" + name + "'",
                (close.isEmpty() ? "" : "did you mean '" + close.get(0) + "'? ") + "known providers: " + String.join(", ", known));
    }

    private static int atLeast(ConfigNode d, String key, int dflt, int min, String fix) {
        int v = d.integer(key, dflt);
        if (v < min) throw d.get(key).error(key + " must be at least " + min + ", got " + v, fix);
        return v;
    }
}
