package dev.gearbox.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One value of a YAML configuration file together with the file, line and dotted path it came
 * from, so that every stage can report a mistake where the person who made it will look.
 * Immutable; {@link #toString()} never shows the value, which may be a secret from the environment.
 */
public final class ConfigNode {

    enum Kind { MAP, LIST, SCALAR, NULL }

    private static final Pattern NULL = Pattern.compile("|~|null|Null|NULL");
    private static final Pattern TRUE = Pattern.compile("true|True|TRUE");
    private static final Pattern FALSE = Pattern.compile("false|False|FALSE");
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9][0-9_]*");
    private static final Pattern DECIMAL =
            Pattern.compile("[-+]?([0-9][0-9_]*(\\.[0-9_]*)?|\\.[0-9][0-9_]*)([eE][-+]?[0-9]+)?");

    private final String file;
    private final int line;
    private final String path;
    private final Kind kind;
    private final String value;
    private final boolean plain;
    private final List<ConfigNode> items;
    private final Map<String, ConfigNode> entries;
    private final String environmentReference;

    private ConfigNode(String file, int line, String path, Kind kind, String value, boolean plain,
                       List<ConfigNode> items, Map<String, ConfigNode> entries) {
        this(file, line, path, kind, value, plain, items, entries, null);
    }

    private ConfigNode(String file, int line, String path, Kind kind, String value, boolean plain,
                       List<ConfigNode> items, Map<String, ConfigNode> entries, String environmentReference) {
        this.environmentReference = environmentReference;
        this.file = file;
        this.line = line;
        this.path = path;
        this.kind = kind;
        this.value = value;
        this.plain = plain;
        this.items = items;
        this.entries = entries;
    }

    static ConfigNode scalar(String file, int line, String path, String value, boolean plain) {
        return scalar(file, line, path, value, plain, null);
    }

    /** {@code environmentReference}: NAME when the file says exactly {@code ${NAME}} here (the value came from the environment), else null. */
    static ConfigNode scalar(String file, int line, String path, String value, boolean plain, String environmentReference) {
        Kind kind = plain && NULL.matcher(value).matches() ? Kind.NULL : Kind.SCALAR;
        return new ConfigNode(file, line, path, kind, kind == Kind.NULL ? null : value, plain, List.of(), Map.of(),
                environmentReference);
    }

    /** NAME when the file wrote exactly {@code ${NAME}} here (no default, no other text): the value is not in the file; else null. */
    public String environmentReference() {
        return environmentReference;
    }

    static ConfigNode list(String file, int line, String path, List<ConfigNode> items) {
        return new ConfigNode(file, line, path, Kind.LIST, null, false, List.copyOf(items), Map.of());
    }

    static ConfigNode map(String file, int line, String path, LinkedHashMap<String, ConfigNode> entries) {
        return new ConfigNode(file, line, path, Kind.MAP, null, false, List.of(),
                Collections.unmodifiableMap(new LinkedHashMap<>(entries)));
    }

    /** Parses YAML text as is: {@code ${NAME}} stays literal. A syntax error names the line. */
    public static ConfigNode parse(String yamlText, String fileName) {
        return YamlTree.parse(yamlText, fileName, null);
    }

    /**
     * Parses YAML text and replaces {@code ${NAME}} and {@code ${NAME:-default}} in every scalar
     * value with {@code env.apply(NAME)}; an unset variable without a default is a ConfigException.
     */
    public static ConfigNode parse(String yamlText, String fileName, Function<String, String> env) {
        return YamlTree.parse(yamlText, fileName, env);
    }

    public String file() { return file; }
    public int line() { return line; }
    public String path() { return path; }
    public boolean isMap() { return kind == Kind.MAP; }
    public boolean isList() { return kind == Kind.LIST; }
    public boolean isScalar() { return kind == Kind.SCALAR; }
    public boolean isNull() { return kind == Kind.NULL; }

    public boolean has(String key) {
        return kind != Kind.NULL && mapEntries().containsKey(key);
    }

    /** The value under {@code key}, or null when the key is absent (an explicit null is a null node). */
    public ConfigNode get(String key) {
        return kind == Kind.NULL ? null : mapEntries().get(key);
    }

    /** The value under {@code key}; absent or null is a ConfigException naming the key. */
    public ConfigNode require(String key) {
        ConfigNode child = get(key);
        if (child == null) {
            throw error("missing required key '" + key + "'", "add '" + key + ": ...' here");
        }
        if (child.isNull()) {
            throw child.error("'" + key + "' needs a value", "write a value after '" + key + ":'");
        }
        return child;
    }

    public String asString() {
        if (kind != Kind.SCALAR) throw error("expected a text value, got " + describe(), null);
        return value;
    }

    public int asInt() {
        long v = asLong();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw error("expected a number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE
                    + ", got '" + value + "'", null);
        }
        return (int) v;
    }

    public long asLong() {
        String s = asNumberText();
        if (!INTEGER.matcher(s).matches()) {
            throw error("expected a whole number, got '" + value + "'", null);
        }
        try {
            return Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw error("expected a number that fits in 64 bits, got '" + value + "'", null);
        }
    }

    public double asDouble() {
        return Double.parseDouble(asNumberText().replace("_", ""));
    }

    private String asNumberText() {
        if (kind != Kind.SCALAR) throw error("expected a number, got " + describe(), null);
        String s = value.trim();
        if (!DECIMAL.matcher(s).matches()) throw error("expected a number, got '" + value + "'", null);
        return s;
    }

    public boolean asBoolean() {
        if (kind != Kind.SCALAR) throw error("expected true or false, got " + describe(), null);
        if (TRUE.matcher(value).matches()) return true;
        if (FALSE.matcher(value).matches()) return false;
        throw error("expected true or false, got '" + value + "'", null);
    }

    public String string(String key, String dflt) {
        ConfigNode c = get(key);
        return c == null || c.isNull() ? dflt : c.asString();
    }

    public int integer(String key, int dflt) {
        ConfigNode c = get(key);
        return c == null || c.isNull() ? dflt : c.asInt();
    }

    public long longValue(String key, long dflt) {
        ConfigNode c = get(key);
        return c == null || c.isNull() ? dflt : c.asLong();
    }

    public double number(String key, double dflt) {
        ConfigNode c = get(key);
        return c == null || c.isNull() ? dflt : c.asDouble();
    }

    public boolean bool(String key, boolean dflt) {
        ConfigNode c = get(key);
        return c == null || c.isNull() ? dflt : c.asBoolean();
    }

    /** The items of a list; a null value is an empty list. */
    public List<ConfigNode> list() {
        if (kind == Kind.NULL) return List.of();
        if (kind != Kind.LIST) throw error("expected a list, got " + describe(), "write it as '- item' lines or [a, b]");
        return items;
    }

    /** The entries of a map in file order; a null value is an empty map. */
    public Map<String, ConfigNode> map() {
        if (kind == Kind.NULL) return Map.of();
        return mapEntries();
    }

    /** A list of text values, or a single text value as a one-element list; null is empty. */
    public List<String> strings() {
        if (kind == Kind.NULL) return List.of();
        if (kind == Kind.SCALAR) return List.of(value);
        List<String> out = new ArrayList<>(items.size());
        for (ConfigNode item : list()) out.add(item.asString());
        return List.copyOf(out);
    }

    public Set<String> keys() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(map().keySet()));
    }

    /** Rejects any key not named, pointing at its line and suggesting the closest allowed key. */
    public void allowOnly(String... keys) {
        List<String> allowed = List.of(keys);
        for (Map.Entry<String, ConfigNode> e : map().entrySet()) {
            if (allowed.contains(e.getKey())) continue;
            List<String> close = DidYouMean.closest(e.getKey(), allowed, 1);
            String fix = close.isEmpty()
                    ? "remove it; allowed keys here are: " + String.join(", ", allowed)
                    : "did you mean '" + close.get(0) + "'?";
            throw e.getValue().error("unknown key '" + e.getKey() + "'", fix);
        }
    }

    /** A ConfigException located at this node. */
    public ConfigException error(String message, String fix) {
        return new ConfigException(file, line, path, message, fix);
    }

    /**
     * This node as plain Java values: LinkedHashMap, List, String, Integer or Long, Double, Boolean
     * and null, typed the YAML way (a quoted value stays text). Collections are unmodifiable.
     */
    public Object toPlain() {
        return switch (kind) {
            case NULL -> null;
            case LIST -> {
                List<Object> out = new ArrayList<>(items.size());
                for (ConfigNode item : items) out.add(item.toPlain());
                yield Collections.unmodifiableList(out);
            }
            case MAP -> {
                Map<String, Object> out = new LinkedHashMap<>();
                entries.forEach((k, v) -> out.put(k, v.toPlain()));
                yield Collections.unmodifiableMap(out);
            }
            case SCALAR -> plainScalar();
        };
    }

    private Object plainScalar() {
        if (!plain) return value;
        if (TRUE.matcher(value).matches()) return Boolean.TRUE;
        if (FALSE.matcher(value).matches()) return Boolean.FALSE;
        if (INTEGER.matcher(value).matches()) {
            try {
                long v = Long.parseLong(value.replace("_", ""));
                if (v == (int) v) return Integer.valueOf((int) v); // not a ?: which would widen both to Long
                return Long.valueOf(v);
            } catch (NumberFormatException e) {
                return value;
            }
        }
        if (DECIMAL.matcher(value).matches()) return Double.parseDouble(value.replace("_", ""));
        return value;
    }

    private Map<String, ConfigNode> mapEntries() {
        if (kind != Kind.MAP) throw error("expected a map of 'key: value' lines, got " + describe(), null);
        return entries;
    }

    private String describe() {
        return switch (kind) {
            case MAP -> "a map";
            case LIST -> "a list";
            case NULL -> "nothing";
            case SCALAR -> "'" + value + "'";
        };
    }

    /** Location and shape only: the value may be a secret. */
    @Override
    public String toString() {
        return "ConfigNode[" + file + ":" + line + " " + (path.isEmpty() ? "<root>" : path) + " "
                + kind.name().toLowerCase(java.util.Locale.ROOT) + "]";
    }
}
