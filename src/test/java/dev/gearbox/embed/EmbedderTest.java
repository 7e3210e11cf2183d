package dev.gearbox.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmbedderTest {
    @Test
    void similarSentencesAreCloserThanUnrelatedOnes() {
        Embedder e = Embedder.shared();
        float[] a = e.embed("How do I reset my password?");
        float[] b = e.embed("I forgot my password, how can I change it?");
        float[] c = e.embed("Write a haiku about autumn leaves.");
        assertThat(a).hasSize(Embedder.DIMENSIONS);
        assertThat(Embedder.cosine(a, a)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(Embedder.cosine(a, b)).isGreaterThan(Embedder.cosine(a, c) + 0.2);
        List<float[]> all = e.embedAll(List.of("How do I reset my password?", ""));
        assertThat(Embedder.cosine(all.get(0), a)).isGreaterThan(0.999);
    }

    /**
     * Gearbox runs the model on its own session (full graph optimisations, one tokenizer pass);
     * the vectors must stay langchain4j's, or every trained router and route centroid would drift.
     */
    @Test
    void vectorsAreLangchain4jsForShortAccentedAndLongTexts() {
        var reference = new dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel();
        String long_ = "The quick brown fox jumps over the lazy dog while the committee deliberates. ".repeat(60);
        for (String text : List.of("Say hello", "Café crème, naïve résumé: ¿qué tal? 東京 👋",
                "def f(x):\n    return x ** 2  # a function\n```sql\nSELECT 1;\n```", long_)) {
            float[] ours = Embedder.shared().embed(text);
            float[] theirs = reference.embed(text).content().vector();
            assertThat(Embedder.cosine(ours, theirs)).as(text.substring(0, Math.min(30, text.length())))
                    .isGreaterThan(0.9999);
        }
    }
}
