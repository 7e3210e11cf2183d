package dev.gearbox.policy;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A cascade's plan, carried by its {@link Decision}: try the candidates one at a time, cheapest
 * first, and move to the next when the answer fails one of {@code checks}. {@code minConfidence}
 * applies to the {@link Check#CONFIDENCE} check.
 */
public record Escalation(String policy, Set<Check> checks, double minConfidence) {
    public Escalation {
        checks = Set.copyOf(checks);
    }

    /** What a cascade checks in an answer before accepting it. */
    public enum Check {
        /** In JSON mode: the answer parses as JSON and, with a JSON schema, matches it. */
        JSON,
        /** The answer refuses or says it does not know (or was content-filtered). */
        REFUSAL,
        /** No text and no tool call. */
        EMPTY,
        /** Generation stopped at the length limit (finish_reason length). */
        TRUNCATED,
        /** A call to a tool the request did not offer. */
        UNKNOWN_TOOL,
        /** A self-reported confidence (JSON field or "confidence: N") below the minimum. */
        CONFIDENCE;

        private final String wire = name().toLowerCase(Locale.ROOT);

        public String wire() {
            return wire;
        }

        public static Check parse(String s) {
            for (Check c : values()) if (c.wire().equals(s)) return c;
            return null;
        }

        public static List<String> names() {
            return java.util.Arrays.stream(values()).map(Check::wire).toList();
        }
    }
}
