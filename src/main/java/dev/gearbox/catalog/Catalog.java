package dev.gearbox.catalog;

import dev.gearbox.config.ConfigNode;
import dev.gearbox.config.DidYouMean;
import dev.gearbox.error.GatewayError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models Gearbox knows, by id and alias: what each costs, can do and which tier it is in.
 * Immutable; a config file's overrides produce a new catalog via {@link #merge}.
 */
public final class Catalog {
    /** Classpath location of the catalog shipped with Gearbox. */
    public static final String RESOURCE = "/dev/gearbox/catalog/catalog.yaml";

    private static volatile Catalog shipped;

    private final List<ModelInfo> models;
    private final Map<String, ModelInfo> byName;

    private Catalog(List<ModelInfo> models, Map<String, ModelInfo> byName) {
        this.models = models;
        this.byName = byName;
    }

    /** A catalog of these models; an id or alias used by two models is an IllegalArgumentException. */
    public static Catalog of(List<ModelInfo> models) {
        Map<String, ModelInfo> byName = new HashMap<>();
        for (ModelInfo m : models) {
            ModelInfo clash = byName.putIfAbsent(m.id(), m);
            if (clash != null) throw new IllegalArgumentException(clashMessage(m.id(), clash, m));
        }
        for (ModelInfo m : models) {
            for (String alias : m.aliases()) {
                ModelInfo clash = byName.putIfAbsent(alias, m);
                if (clash != null && clash != m) throw new IllegalArgumentException(clashMessage(alias, clash, m));
            }
        }
        return new Catalog(List.copyOf(models), Map.copyOf(byName));
    }

    private static String clashMessage(String name, ModelInfo a, ModelInfo b) {
        return "catalog name '" + name + "' is used by both '" + a.id() + "' and '" + b.id() + "'";
    }

    /** Parses a catalog file ({@code models:} list); mistakes are ConfigExceptions with file and line. */
    public static Catalog load(String yamlText, String fileName) {
        return of(CatalogEntries.parseModels(ConfigNode.parse(yamlText, fileName)));
    }

    /** The catalog shipped in the jar at {@link #RESOURCE}, parsed once; a broken file is a ConfigException. */
    public static Catalog shipped() {
        Catalog c = shipped;
        if (c == null) {
            synchronized (Catalog.class) {
                if (shipped == null) shipped = readShipped();
                c = shipped;
            }
        }
        return c;
    }

    private static Catalog readShipped() {
        try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("catalog resource " + RESOURCE + " is missing from the classpath");
            return load(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<ModelInfo> find(String idOrAlias) {
        return idOrAlias == null ? Optional.empty() : Optional.ofNullable(byName.get(idOrAlias));
    }

    /** The model, or {@link GatewayError.ModelNotFound} listing up to three close names. */
    public ModelInfo require(String idOrAlias) {
        return find(idOrAlias).orElseThrow(() -> new GatewayError.ModelNotFound(idOrAlias, closeMatches(idOrAlias, 3)));
    }

    /** Ids and aliases close to {@code name} (typos, fragments), closest first. */
    public List<String> closeMatches(String name, int max) {
        List<String> names = new ArrayList<>();
        for (ModelInfo m : models) {
            names.add(m.id());
            names.addAll(m.aliases());
        }
        return DidYouMean.closest(name, names, max);
    }

    /** Every model, in file order. */
    public List<ModelInfo> models() {
        return models;
    }

    public List<ModelInfo> byTier(Tier tier) {
        return models.stream().filter(m -> m.tier() == tier).toList();
    }

    public int size() {
        return models.size();
    }

    /** A new catalog where each override replaces the model with its id, or is added at the end. */
    public Catalog merge(List<ModelInfo> overrides) {
        return of(replaceOrAppend(models, overrides));
    }

    static List<ModelInfo> replaceOrAppend(List<ModelInfo> base, List<ModelInfo> overrides) {
        Map<String, ModelInfo> merged = new LinkedHashMap<>();
        for (ModelInfo m : base) merged.put(m.id(), m);
        for (ModelInfo m : overrides) merged.put(m.id(), m);
        return Collections.unmodifiableList(new ArrayList<>(merged.values()));
    }

    @Override
    public String toString() {
        return "Catalog[" + models.size() + " models]";
    }
}
