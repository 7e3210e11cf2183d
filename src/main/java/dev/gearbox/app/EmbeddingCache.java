package dev.gearbox.app;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently used prompt embeddings, by exact routing text, so a retried or templated
 * prompt skips the model (and the worker hop). Bounded: {@link #CAPACITY} entries of 1.5 KB each.
 * Read and written from several event loops, so access is synchronised (a map lookup, not the
 * embedding, is done under the lock).
 */
final class EmbeddingCache {
    /** About 6 MB of vectors. */
    static final int CAPACITY = 4_096;

    private final Map<String, float[]> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized float[] get(String text) {
        return entries.get(text);
    }

    synchronized void put(String text, float[] vector) {
        entries.put(text, vector);
    }

    synchronized int size() {
        return entries.size();
    }
}
