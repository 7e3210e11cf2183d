package dev.gearbox.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticEmbedderTest {
    /** A word piece's row is MiniLM's own vector for that word piece read alone: the distillation is the model, not an approximation of it. */
    @Test
    void aRowIsMiniLmsVectorOfTheWordPieceAlone() {
        Embedder minilm = Embedder.shared();
        for (String word : new String[] {"password", "music", "the"}) {
            long[] ids = minilm.tokens(word, TokenLimit.NONE);
            assertThat(ids).as(word + " is one word piece").hasSize(3);
            int id = (int) ids[1];
            float[] row = minilm.isolatedTokens(id, id + 1, 8);
            assertThat(Embedder.cosine(normalised(row), minilm.embed(word))).as(word).isGreaterThan(0.9999);
        }
        float[] run = minilm.isolatedTokens(2000, 2010, StaticEmbedder.DISTIL_BATCH);
        float[] one = minilm.isolatedTokens(2005, 2006, 1);
        float[] fifth = java.util.Arrays.copyOfRange(run, 5 * Embedder.DIMENSIONS, 6 * Embedder.DIMENSIONS);
        assertThat(Embedder.cosine(normalised(fifth), normalised(one))).as("a row does not depend on its neighbours").isGreaterThan(0.9999);
    }

    @Test
    void relatedPromptsAreCloserThanUnrelatedOnesAndUnrelatedOnesAreNearOrthogonal() {
        StaticEmbedder e = StaticEmbedder.shared();
        float[] a = e.embed("How do I reset my password?", TokenLimit.NONE);
        float[] b = e.embed("I forgot my password, how can I change it?", TokenLimit.NONE);
        float[] c = e.embed("Write a haiku about autumn leaves.", TokenLimit.NONE);
        float[] java = e.embed("Why does my Java program throw a NullPointerException?", TokenLimit.NONE);
        float[] debug = e.embed("Debug this stack trace from my Spring service", TokenLimit.NONE);
        assertThat(a).hasSize(StaticEmbedder.DIMENSIONS);
        assertThat(Embedder.cosine(a, a)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(Embedder.cosine(a, b)).isGreaterThan(Embedder.cosine(a, c) + 0.2);
        assertThat(Embedder.cosine(java, debug)).isGreaterThan(Embedder.cosine(java, c) + 0.1);
        assertThat(Math.abs(Embedder.cosine(a, c))).as("the common component is gone").isLessThan(0.3);
        assertThat(e.embed("", TokenLimit.NONE)).as("blank text embeds as a fixed point").hasSize(StaticEmbedder.DIMENSIONS);
    }

    @Test
    void aTokenLimitReadsTheSameWordPiecesMiniLmWould() {
        StaticEmbedder e = StaticEmbedder.shared();
        String longText = "alpha beta gamma delta ".repeat(40) + "and finally the actual question about kubernetes";
        TokenLimit limit = TokenLimit.headTail(24);
        float[] limited = e.embed(longText, limit);
        String kept = "alpha beta gamma delta ".repeat(2) + "of the actual question about kubernetes";
        assertThat(Embedder.cosine(limited, e.embed(longText, TokenLimit.NONE))).isLessThan(0.99);
        assertThat(Embedder.cosine(limited, e.embed(kept, TokenLimit.NONE))).isGreaterThan(Embedder.cosine(limited, e.embed(longText, TokenLimit.NONE)));
    }

    @Test
    void frequentWordPiecesWeighLessAndSpecialTokensNothing() {
        long the = Embedder.shared().tokens("the", TokenLimit.NONE)[1];
        long kubernetes = Embedder.shared().tokens("photosynthesis", TokenLimit.NONE)[1];
        assertThat(StaticEmbedder.weight((int) the)).isLessThan(0.01);
        assertThat(StaticEmbedder.weight((int) kubernetes)).isGreaterThan(0.5);
        assertThat(StaticEmbedder.weight(Embedder.CLS)).isZero();
        assertThat(StaticEmbedder.weight(Embedder.SEP)).isZero();
        assertThat(StaticEmbedder.weight(StaticEmbedder.FIRST_WORD)).isLessThan(StaticEmbedder.weight(StaticEmbedder.FIRST_WORD + 1000));
    }

    @Test
    void allButTheTopCentresAndRemovesTheDominantDirection() {
        int dims = 4, n = 200;
        float[] rows = new float[n * dims];
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            double big = r.nextGaussian() * 10; // along (1,1,0,0)/sqrt2
            rows[i * dims] = (float) (5 + big / Math.sqrt(2) + r.nextGaussian() * 0.1);
            rows[i * dims + 1] = (float) (5 + big / Math.sqrt(2) + r.nextGaussian() * 0.1);
            rows[i * dims + 2] = (float) (r.nextGaussian());
            rows[i * dims + 3] = (float) (r.nextGaussian() * 0.5);
        }
        TokenTable.allButTheTop(rows, dims, 1);
        double mean0 = 0, along = 0, third = 0;
        for (int i = 0; i < n; i++) {
            mean0 += rows[i * dims];
            along += Math.abs(rows[i * dims] + rows[i * dims + 1]) / Math.sqrt(2);
            third += Math.abs(rows[i * dims + 2]);
        }
        assertThat(Math.abs(mean0 / n)).isLessThan(0.05);
        assertThat(along / n).as("the dominant direction is projected out").isLessThan(0.05);
        assertThat(third / n).as("the others stay").isGreaterThan(0.5);
    }

    @Test
    void theCacheDistilsOnceAndIgnoresAFileThatDoesNotMatch(@TempDir Path dir) throws Exception {
        TokenTableCache cache = new TokenTableCache(dir.resolve("sub"));
        AtomicInteger distilled = new AtomicInteger();
        float[] values = {1, 2, 3, 4, 5, 6};
        float[] first = cache.load(9, 2, 3, () -> {
            distilled.incrementAndGet();
            return values.clone();
        });
        float[] second = cache.load(9, 2, 3, () -> {
            distilled.incrementAndGet();
            return new float[6];
        });
        assertThat(first).containsExactly(values);
        assertThat(second).containsExactly(values);
        assertThat(distilled).hasValue(1);
        assertThat(cache.load(9, 3, 2, () -> {
            distilled.incrementAndGet();
            return new float[6];
        })).as("another shape is distilled again").containsOnly(0f);
        Files.write(cache.file(9), new byte[] {1, 2, 3});
        assertThat(cache.load(9, 2, 3, values::clone)).as("a truncated file is replaced").containsExactly(values);
        assertThat(Files.size(cache.file(9))).isEqualTo(16 + 4 * 6);
        assertThatThrownBy(() -> cache.load(10, 2, 3, () -> new float[5])).hasMessageContaining("expected 2 x 3");
    }

    @Test
    void anUnwritableCacheKeepsTheTableInMemory(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("not-a-directory");
        Files.writeString(file, "x");
        float[] values = {1, 2};
        assertThat(new TokenTableCache(file).load(1, 1, 2, values::clone)).containsExactly(values);
    }

    private static float[] normalised(float[] v) {
        double n = 0;
        for (float x : v) n += x * x;
        float[] out = v.clone();
        for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / Math.sqrt(n));
        return out;
    }
}
