package dev.gearbox.policy;

import dev.gearbox.config.ConfigNode;
import dev.gearbox.signals.Domain;
import dev.gearbox.signals.OutputSize;
import dev.gearbox.signals.Signals;
import dev.gearbox.signals.StructuredData;
import dev.gearbox.signals.TaskType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code when} of a rule: every key present must match (an empty {@code when} matches
 * everything). Strings match exactly or as globs with {@code *}; a list matches when any element
 * does. {@link #KEYS} lists what a rule can test.
 */
final class Condition {
    static final Condition ALWAYS = new Condition(List.of());

    /** Every key a {@code when} may use. */
    static final List<String> KEYS = List.of(
            "tag", "key", "caller_tier", "plan", "metadata", "max_latency_sla_ms",
            "min_input_tokens", "max_input_tokens", "min_turns", "max_turns",
            "has_code", "code_language", "math", "structured", "min_instructions", "task",
            "min_complexity_markers", "high_stakes", "domain", "output_size",
            "tools", "images", "json", "json_schema", "min_max_tokens");

    private final List<Predicate<RoutingInput>> clauses;

    private Condition(List<Predicate<RoutingInput>> clauses) {
        this.clauses = List.copyOf(clauses);
    }

    boolean matches(RoutingInput in) {
        for (Predicate<RoutingInput> c : clauses) if (!c.test(in)) return false;
        return true;
    }

    static Condition parse(ConfigNode when) {
        when.allowOnly(KEYS.toArray(String[]::new));
        List<Predicate<RoutingInput>> cs = new ArrayList<>();
        strings(when, "tag", cs, in -> in.caller().tag());
        strings(when, "key", cs, in -> in.caller().keyId());
        strings(when, "caller_tier", cs, in -> in.caller().tier() == null ? "interactive" : in.caller().tier());
        strings(when, "plan", cs, in -> in.caller().plan());
        ConfigNode md = when.get("metadata");
        if (md != null) {
            md.map().forEach((k, v) -> {
                List<String> pats = v.strings();
                cs.add(in -> {
                    String val = in.caller().metadata().get(k);
                    if (val == null) val = in.request().metadata().get(k);
                    return anyGlob(pats, val);
                });
            });
        }
        Integer sla = optInt(when, "max_latency_sla_ms");
        if (sla != null) cs.add(in -> in.caller().latencySlaMs() > 0 && in.caller().latencySlaMs() <= sla);
        Integer minTok = optInt(when, "min_input_tokens");
        if (minTok != null) cs.add(in -> in.signals().contextBytes() >= minTok && TokenizerNeed.inputTokens(in.signals()) >= minTok);
        Integer maxTok = optInt(when, "max_input_tokens");
        if (maxTok != null) cs.add(in -> in.signals().contextBytes() <= maxTok || TokenizerNeed.inputTokens(in.signals()) <= maxTok);
        Integer minTurns = optInt(when, "min_turns");
        if (minTurns != null) cs.add(in -> in.signals().turns() >= minTurns);
        Integer maxTurns = optInt(when, "max_turns");
        if (maxTurns != null) cs.add(in -> in.signals().turns() <= maxTurns);
        bool(when, "has_code", cs, Signals::hasCode);
        strings(when, "code_language", cs, in -> in.signals().codeLanguage());
        bool(when, "math", cs, Signals::math);
        ConfigNode st = when.get("structured");
        if (st != null) {
            if (st.isScalar() && isBool(st)) {
                boolean want = st.asBoolean();
                cs.add(in -> !in.signals().structured().isEmpty() == want);
            } else {
                Set<StructuredData> kinds = enums(st, StructuredData.class);
                cs.add(in -> in.signals().structured().stream().anyMatch(kinds::contains));
            }
        }
        Integer minInstr = optInt(when, "min_instructions");
        if (minInstr != null) cs.add(in -> in.signals().instructions() >= minInstr);
        ConfigNode task = when.get("task");
        if (task != null) {
            Set<TaskType> tasks = enums(task, TaskType.class);
            cs.add(in -> tasks.contains(in.signals().taskType()));
        }
        Integer minCx = optInt(when, "min_complexity_markers");
        if (minCx != null) cs.add(in -> in.signals().complexityMarkers() >= minCx);
        bool(when, "high_stakes", cs, Signals::highStakes);
        ConfigNode dom = when.get("domain");
        if (dom != null) {
            Set<Domain> ds = enums(dom, Domain.class);
            cs.add(in -> in.signals().domains().stream().anyMatch(ds::contains));
        }
        ConfigNode size = when.get("output_size");
        if (size != null) {
            Set<OutputSize> sizes = enums(size, OutputSize.class);
            cs.add(in -> sizes.contains(in.signals().outputSize()));
        }
        bool(when, "tools", cs, Signals::toolsRequested);
        bool(when, "images", cs, Signals::hasImages);
        bool(when, "json", cs, Signals::wantsJson);
        bool(when, "json_schema", cs, Signals::jsonSchema);
        Integer minMax = optInt(when, "min_max_tokens");
        if (minMax != null) cs.add(in -> in.signals().maxOutputTokens() >= minMax);
        return new Condition(cs);
    }

    private static boolean isBool(ConfigNode n) {
        String s = n.asString().toLowerCase(Locale.ROOT);
        return s.equals("true") || s.equals("false");
    }

    private static void strings(ConfigNode when, String key, List<Predicate<RoutingInput>> cs,
                                java.util.function.Function<RoutingInput, String> value) {
        ConfigNode v = when.get(key);
        if (v == null) return;
        List<String> pats = v.strings();
        cs.add(in -> anyGlob(pats, value.apply(in)));
    }

    private static void bool(ConfigNode when, String key, List<Predicate<RoutingInput>> cs, Predicate<Signals> signal) {
        ConfigNode v = when.get(key);
        if (v == null) return;
        boolean want = v.asBoolean();
        cs.add(in -> signal.test(in.signals()) == want);
    }

    private static Integer optInt(ConfigNode n, String key) {
        ConfigNode v = n.get(key);
        return v == null ? null : v.asInt();
    }

    private static <E extends Enum<E>> Set<E> enums(ConfigNode n, Class<E> type) {
        EnumSet<E> out = EnumSet.noneOf(type);
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) names.add(e.name().toLowerCase(Locale.ROOT));
        for (String s : n.strings()) {
            String norm = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                out.add(Enum.valueOf(type, norm));
            } catch (IllegalArgumentException e) {
                throw n.error("unknown value '" + s + "'", "use one of " + names);
            }
        }
        return out;
    }

    static boolean anyGlob(List<String> patterns, String value) {
        if (value == null) return false;
        for (String p : patterns) if (glob(p, value)) return true;
        return false;
    }

    /** {@code *} matches any run of characters; everything else literally. */
    static boolean glob(String pattern, String value) {
        int star = pattern.indexOf('*');
        if (star < 0) return pattern.equals(value);
        String[] parts = pattern.split("\\*", -1);
        int pos = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == 0) {
                if (!value.startsWith(part)) return false;
                pos = part.length();
            } else if (i == parts.length - 1) {
                return value.length() - part.length() >= pos && value.endsWith(part);
            } else {
                int at = value.indexOf(part, pos);
                if (at < 0) return false;
                pos = at + part.length();
            }
        }
        return true;
    }
}
