package dev.gearbox.catalog;

import dev.gearbox.config.Deployment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models this gateway can actually serve right now: catalog entries that have at least one
 * deployment, plus the configured aliases. Immutable; rebuilt with each config snapshot.
 */
public final class Fleet {
    private final Catalog catalog;
    private final Map<String, List<Deployment>> byModel;
    private final Map<String, String> aliases;
    private final List<ModelInfo> servable;
    private final List<ModelInfo> embedding;

    public Fleet(Catalog catalog, List<Deployment> deployments, Map<String, String> aliases) {
        this.catalog = catalog;
        Map<String, List<Deployment>> m = new LinkedHashMap<>();
        for (Deployment d : deployments) m.computeIfAbsent(d.model(), k -> new ArrayList<>()).add(d);
        m.replaceAll((k, v) -> List.copyOf(v));
        this.byModel = Map.copyOf(m);
        this.aliases = Map.copyOf(aliases);
        List<ModelInfo> s = new ArrayList<>();
        List<ModelInfo> e = new ArrayList<>();
        for (String model : m.keySet()) catalog.find(model).ifPresent(info -> (info.capabilities().embeddings() ? e : s).add(info));
        this.embedding = List.copyOf(e);
        s.sort(Comparator.comparingDouble(Fleet::blendedPrice).thenComparing(ModelInfo::id));
        this.servable = List.copyOf(s);
    }

    /**
     * USD per 1M tokens at a 3:1 input:output mix, the usual blend for comparing chat models.
     */
    public static double blendedPrice(ModelInfo m) {
        return (3 * m.price().inputPerMTok() + m.price().outputPerMTok()) / 4;
    }

    public Catalog catalog() {
        return catalog;
    }

    public boolean servable(String model) {
        return byModel.containsKey(model);
    }

    public List<Deployment> deployments(String model) {
        return byModel.getOrDefault(model, List.of());
    }

    /** Deployed embedding models ({@code /v1/embeddings}); never chat candidates. */
    public List<ModelInfo> embeddingModels() {
        return embedding;
    }

    /** Servable chat models, cheapest first. */
    public List<ModelInfo> servableModels() {
        return servable;
    }

    /** Servable models of one tier, cheapest first. */
    public List<ModelInfo> servableInTier(Tier tier) {
        List<ModelInfo> out = new ArrayList<>();
        for (ModelInfo m : servable) if (m.tier() == tier) out.add(m);
        return out;
    }

    public ModelInfo info(String model) {
        return catalog.require(model);
    }

    /** The model an alias points at, or null when {@code name} is not an alias. */
    public String alias(String name) {
        return aliases.get(name);
    }

    public Map<String, String> aliases() {
        return aliases;
    }
}
