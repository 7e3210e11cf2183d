package dev.gearbox.signals;

import java.util.Locale;

/** What the request asks the model to do, as far as the prompt's wording tells. */
public enum TaskType {
    EXTRACTION, CLASSIFICATION, SUMMARIZATION, TRANSLATION, REWRITING, QA, GENERATION, CODE, MATH, REASONING, CHAT;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The name used in config and headers: lower case, {@code qa} for question answering. */
    public String wire() {
        return wire;
    }

    public static TaskType fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
