package dev.gearbox.config;

/**
 * A credential read from the environment or a file. Its {@code toString} never shows the value,
 * so a secret that slips into a log line, an exception or a config dump prints as a mask.
 */
public final class Secret {
    public static final Secret NONE = new Secret(null, "none");

    private final String value;
    private final String source;

    private Secret(String value, String source) {
        this.value = value;
        this.source = source;
    }

    public static Secret of(String value, String source) {
        return value == null || value.isEmpty() ? NONE : new Secret(value, source);
    }

    /** The raw value, for the one place that sends it upstream. */
    public String reveal() {
        return value;
    }

    public boolean present() {
        return value != null;
    }

    /** Where the value came from, e.g. {@code env:OPENAI_API_KEY}; safe to log. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return present() ? "Secret[" + source + ", ****]" : "Secret[none]";
    }
}
