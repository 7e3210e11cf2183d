package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbeddingCacheTest {
    @Test
    void keepsTheMostRecentlyUsedUpToCapacity() {
        EmbeddingCache c = new EmbeddingCache();
        float[] first = {1f};
        c.put("first", first);
        for (int i = 0; i < EmbeddingCache.CAPACITY - 1; i++) c.put("t" + i, new float[] {i});
        assertThat(c.get("first")).isSameAs(first); // touched: now the most recent
        c.put("one more", new float[] {0});
        assertThat(c.size()).isEqualTo(EmbeddingCache.CAPACITY);
        assertThat(c.get("first")).isSameAs(first);
        assertThat(c.get("t0")).as("the least recently used went").isNull();
    }
}
