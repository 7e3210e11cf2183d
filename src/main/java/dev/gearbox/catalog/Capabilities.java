package dev.gearbox.catalog;

/**
 * What a model accepts beyond plain text; routing skips models that lack what a request needs. An
 * {@code embeddings} model serves {@code /v1/embeddings} only and is never a chat candidate.
 */
public record Capabilities(boolean tools, boolean vision, boolean jsonMode, boolean jsonSchema, boolean streaming, boolean embeddings) {
    public static final Capabilities ALL = new Capabilities(true, true, true, true, true, false);
    public static final Capabilities TEXT_ONLY = new Capabilities(false, false, false, false, true, false);

    public Capabilities(boolean tools, boolean vision, boolean jsonMode, boolean jsonSchema, boolean streaming) {
        this(tools, vision, jsonMode, jsonSchema, streaming, false);
    }
}
