package dev.gearbox.signals;

import java.util.Locale;

/** How long an answer the prompt asks for, from its wording ("in one sentence", "a 2000-word essay"). */
public enum OutputSize {
    UNSPECIFIED, SHORT, MEDIUM, LONG;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
