package dev.gearbox.catalog;

import dev.gearbox.config.ConfigNode;
import dev.gearbox.config.DidYouMean;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads catalog entries (the shipped catalog and a config file's {@code catalog:} section share the
 * shape) into {@link ModelInfo}, checking each field and every id and alias for clashes, with the
 * line of the mistake.
 */
public final class CatalogEntries {
    static final List<String> KEYS = List.of("id", "vendor", "tier", "context_window", "max_output",
            "capabilities", "price", "aliases", "notes");
    static final List<String> PRICE_KEYS = List.of("input", "output", "cached_input", "cache_write", "as_of", "source");
    static final List<String> CAPABILITIES = List.of("tools", "vision", "json_mode", "json_schema", "streaming", "embeddings");

    private CatalogEntries() {}

    /** One validated entry. */
    public static ModelInfo parse(ConfigNode entry) {
        if (!entry.isMap()) {
            throw entry.error("a catalog entry must be a map", "write it as '- id: ...' with vendor, tier, price, ...");
        }
        entry.allowOnly(KEYS.toArray(String[]::new));
        String id = name(entry.require("id"), "id");
        String vendor = name(entry.require("vendor"), "vendor");
        Tier tier = tier(entry.require("tier"));
        int contextWindow = positive(entry.require("context_window"));
        int maxOutput = positive(entry.require("max_output"));
        if (maxOutput > contextWindow) {
            throw entry.get("max_output").error("max_output " + maxOutput + " is larger than context_window " + contextWindow,
                    "max_output is the most tokens one reply can have; it cannot exceed the context window");
        }
        Capabilities caps = entry.has("capabilities") ? capabilities(entry.get("capabilities")) : Capabilities.TEXT_ONLY;
        Price price = price(entry.require("price"));
        List<String> aliases = new ArrayList<>();
        ConfigNode aliasNode = entry.get("aliases");
        if (aliasNode != null) {
            for (ConfigNode a : aliasNode.isScalar() ? List.of(aliasNode) : aliasNode.list()) {
                String alias = name(a, "alias");
                if (!alias.equals(id) && !aliases.contains(alias)) aliases.add(alias);
            }
        }
        return new ModelInfo(id, vendor, tier, price, contextWindow, maxOutput, caps, aliases);
    }

    /**
     * Parses a list of entries and merges them into {@code base}: an entry whose id exists replaces
     * that model, any other is added. Ids repeated in the list, and ids or aliases that another
     * model already answers to, are errors at the entry's line.
     */
    public static Catalog mergeInto(Catalog base, ConfigNode list) {
        List<ModelInfo> parsed = new ArrayList<>();
        Map<String, ConfigNode> firstById = new HashMap<>();
        for (ConfigNode entry : list.list()) {
            ModelInfo m = parse(entry);
            ConfigNode previous = firstById.putIfAbsent(m.id(), entry);
            if (previous != null) {
                throw entry.get("id").error("duplicate model id '" + m.id() + "' (first defined at line " + previous.line() + ")",
                        "keep one entry per model id");
            }
            parsed.add(m);
        }
        // Each entry is checked against the base models it does not replace and the entries above it,
        // so a clash is reported at the later of the two lines, where it was introduced.
        List<ModelInfo> earlier = new ArrayList<>(base.models().stream().filter(m -> !firstById.containsKey(m.id())).toList());
        for (int i = 0; i < parsed.size(); i++) {
            checkNames(parsed.get(i), list.list().get(i), earlier);
            earlier.add(parsed.get(i));
        }
        return Catalog.of(Catalog.replaceOrAppend(base.models(), parsed));
    }

    static List<ModelInfo> parseModels(ConfigNode root) {
        if (!root.isMap()) throw root.error("a catalog file must be a map with a 'models:' list", "start the file with 'models:'");
        root.allowOnly("models", "version", "notes");
        return mergeInto(Catalog.of(List.of()), root.require("models")).models();
    }

    private static void checkNames(ModelInfo m, ConfigNode entry, List<ModelInfo> others) {
        Map<String, String> owner = new HashMap<>();
        for (ModelInfo other : others) {
            owner.putIfAbsent(other.id(), other.id());
            for (String a : other.aliases()) owner.putIfAbsent(a, other.id());
        }
        Set<String> taken = owner.keySet();
        if (taken.contains(m.id())) {
            throw entry.get("id").error("id '" + m.id() + "' is already an alias of model '" + owner.get(m.id()) + "'",
                    "choose another id, or remove the alias from '" + owner.get(m.id()) + "'");
        }
        ConfigNode aliasNode = entry.get("aliases");
        if (aliasNode == null) return;
        for (ConfigNode a : aliasNode.isScalar() ? List.of(aliasNode) : aliasNode.list()) {
            String alias = a.asString().trim();
            if (taken.contains(alias)) {
                throw a.error("alias '" + alias + "' already names model '" + owner.get(alias) + "'",
                        "remove the alias; one name must mean one model");
            }
        }
    }

    private static String name(ConfigNode node, String what) {
        String s = node.asString().trim();
        if (s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)) {
            throw node.error(what + " '" + s + "' must be a non-empty name without spaces", "e.g. gpt-4o-mini");
        }
        return s;
    }

    private static Tier tier(ConfigNode node) {
        Tier t = Tier.parse(node.asString().trim());
        if (t == null) {
            throw node.error("unknown tier '" + node.asString() + "'", "use one of: frontier, mid, efficient");
        }
        return t;
    }

    private static int positive(ConfigNode node) {
        int v = node.asInt();
        if (v <= 0) throw node.error("must be a positive number of tokens, got " + v, "e.g. 128000");
        return v;
    }

    private static Capabilities capabilities(ConfigNode node) {
        Set<String> seen = new HashSet<>();
        for (ConfigNode c : node.isScalar() ? List.of(node) : node.list()) {
            String name = c.asString().trim();
            if (!CAPABILITIES.contains(name)) {
                List<String> close = DidYouMean.closest(name, CAPABILITIES, 1);
                throw c.error("unknown capability '" + name + "'", close.isEmpty()
                        ? "use any of: " + String.join(", ", CAPABILITIES)
                        : "did you mean '" + close.get(0) + "'?");
            }
            seen.add(name);
        }
        return new Capabilities(seen.contains("tools"), seen.contains("vision"), seen.contains("json_mode"),
                seen.contains("json_schema"), seen.contains("streaming"), seen.contains("embeddings"));
    }

    private static Price price(ConfigNode node) {
        node.allowOnly(PRICE_KEYS.toArray(String[]::new));
        double input = nonNegative(node.require("input"));
        double output = nonNegative(node.require("output"));
        Double cachedInput = optionalPrice(node.get("cached_input"));
        Double cacheWrite = optionalPrice(node.get("cache_write"));
        LocalDate asOf = null;
        ConfigNode asOfNode = node.get("as_of");
        if (asOfNode != null && !asOfNode.isNull()) {
            try {
                asOf = LocalDate.parse(asOfNode.asString().trim());
            } catch (DateTimeParseException e) {
                throw asOfNode.error("'" + asOfNode.asString() + "' is not a date", "write it as YYYY-MM-DD, e.g. 2025-07-01");
            }
        }
        return new Price(input, output, cachedInput, cacheWrite, asOf, node.string("source", null));
    }

    private static Double optionalPrice(ConfigNode node) {
        return node == null || node.isNull() ? null : nonNegative(node);
    }

    private static double nonNegative(ConfigNode node) {
        double v = node.asDouble();
        if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            throw node.error("price must not be negative, got " + node.asString(),
                    "write USD per million tokens, e.g. 0.15");
        }
        return v;
    }
}
