package dev.gearbox.embed;

import java.util.ArrayList;
import java.util.List;

/**
 * Text in, an L2-normalised vector out (cosine similarity is a dot product). Implementations are
 * thread-safe; they may block for milliseconds, so never call one on an event loop.
 */
public interface SentenceEmbedder {
    /** Embeds at most {@code limit}'s word pieces of {@code text}; {@link TokenLimit#NONE} reads the embedder's own bound. */
    float[] embed(String text, TokenLimit limit);

    /** Each text embedded whole ({@link TokenLimit#NONE}), in order. */
    default List<float[]> embedAll(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) out.add(embed(t, TokenLimit.NONE));
        return out;
    }

    /** Which model this is, as written in a config. */
    EmbeddingModel model();
}
