package dev.gearbox.signals;

import java.util.Locale;

/** Structured data found in the prompt. */
public enum StructuredData {
    JSON, CSV, TABLE, XML;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
