package dev.gearbox.signals;

import java.util.HashMap;
import java.util.Map;

/**
 * One numbering of every lexicon's lookup keys (first words and four-letter stem keys), so that a
 * text's words are looked up once per request ({@link Words}) rather than once per lexicon. Keys
 * are numbered densely as lexicons are made (class initialisation); the map is replaced, never
 * changed, so a {@link Words} holds a consistent snapshot and a lexicon can tell whether every one
 * of its keys is in that snapshot (its highest id is below the snapshot's size).
 */
final class LexiconKeys {
    private static volatile Map<String, Integer> ids = Map.of();

    private LexiconKeys() {}

    static synchronized int id(String key) {
        Integer known = ids.get(key);
        if (known != null) return known;
        Map<String, Integer> next = new HashMap<>(ids);
        int id = next.size();
        next.put(key, id);
        ids = Map.copyOf(next);
        return id;
    }

    static Map<String, Integer> snapshot() {
        return ids;
    }
}
