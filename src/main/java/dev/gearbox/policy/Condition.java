package dev.gearbox.policy;

import java.util.List;
import java.util.Map;

/**
 * The {@code when} of a rule: every present field must match (a missing field matches anything).
 * Strings match exactly or as globs with {@code *}; a list matches when any element does.
 */
record Condition(List<String> tags, List<String> keys, List<String> callerTiers, Map<String, List<String>> metadata,
                 Integer minInputTokens, Integer maxInputTokens, Boolean hasCode, Boolean tools, Boolean images,
                 Boolean json) {

    static final Condition ALWAYS = new Condition(List.of(), List.of(), List.of(), Map.of(), null, null, null, null,
            null, null);

    boolean matches(RoutingInput in) {
        var c = in.caller();
        var s = in.signals();
        if (!tags.isEmpty() && !anyGlob(tags, c.tag())) return false;
        if (!keys.isEmpty() && !anyGlob(keys, c.keyId())) return false;
        if (!callerTiers.isEmpty() && !anyGlob(callerTiers, c.tier())) return false;
        for (Map.Entry<String, List<String>> e : metadata.entrySet()) {
            String v = c.metadata().get(e.getKey());
            if (v == null) v = in.request().metadata().get(e.getKey());
            if (!anyGlob(e.getValue(), v)) return false;
        }
        if (minInputTokens != null && s.inputTokens() < minInputTokens) return false;
        if (maxInputTokens != null && s.inputTokens() > maxInputTokens) return false;
        if (hasCode != null && s.hasCode() != hasCode) return false;
        if (tools != null && s.toolsRequested() != tools) return false;
        if (images != null && s.hasImages() != images) return false;
        return json == null || s.wantsJson() == json;
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
