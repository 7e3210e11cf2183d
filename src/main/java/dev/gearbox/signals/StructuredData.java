package dev.gearbox.signals;

import java.util.Locale;

/** Structured data found in the prompt. */
public enum StructuredData {
    JSON, CSV, TABLE, XML;

    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() {
        return wire;
    }
}
