package dev.gearbox.signals;

import java.util.Locale;

/** High-stakes domains: a wrong answer here costs more than a frontier model does. */
public enum Domain {
    MEDICAL, LEGAL, FINANCIAL, SAFETY;

    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() {
        return wire;
    }
}
