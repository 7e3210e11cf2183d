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
}
