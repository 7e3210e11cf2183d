package dev.gearbox.signals;

import java.util.Locale;

/** How long an answer the prompt asks for, from its wording ("in one sentence", "a 2000-word essay"). */
public enum OutputSize {
    UNSPECIFIED, SHORT, MEDIUM, LONG;

    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() {
        return wire;
    }
}
