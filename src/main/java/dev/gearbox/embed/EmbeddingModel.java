package dev.gearbox.embed;

import java.util.Locale;

/**
 * The sentence embedders a policy can name ({@code embedder:} in a semantic policy, {@code --embedder}
 * in {@code gearbox eval}). Both read the same vocabulary and give 384-dimensional vectors, but in
 * different spaces: a route's utterances and the prompts matched against them always go through
 * the same one.
 */
public enum EmbeddingModel {
    /** all-MiniLM-L6-v2 (quantized) through ONNX Runtime: about 0.1 ms of CPU per word piece on the reference host. */
    MINILM("minilm"),
    /** {@link StaticEmbedder}: a token table distilled from MiniLM, tens of microseconds per prompt. */
    STATIC("static");

    private final String wire;

    EmbeddingModel(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The process-wide embedder of this model (loaded on first use). */
    public SentenceEmbedder shared() {
        return switch (this) {
            case MINILM -> Embedder.shared();
            case STATIC -> StaticEmbedder.shared();
        };
    }

    /** By config name, or null when there is none such. */
    public static EmbeddingModel byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (EmbeddingModel m : values()) if (m.wire.equals(n)) return m;
        return null;
    }
}
