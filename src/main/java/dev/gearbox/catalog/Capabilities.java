package dev.gearbox.catalog;

/** What a model accepts beyond plain text; routing skips models that lack what a request needs. */
public record Capabilities(boolean tools, boolean vision, boolean jsonMode, boolean jsonSchema, boolean streaming) {
    public static final Capabilities ALL = new Capabilities(true, true, true, true, true);
    public static final Capabilities TEXT_ONLY = new Capabilities(false, false, false, false, true);
}
