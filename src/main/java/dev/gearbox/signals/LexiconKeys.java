package dev.gearbox.signals;

import java.util.Arrays;

/**
 * One numbering of every lexicon's lookup keys (first words and four-letter stem keys), so that a
 * text's words are looked up once per request ({@link Words}) rather than once per lexicon. Keys
 * are numbered densely as lexicons are made (class initialisation). A lookup takes a slice of the
 * text and its hash, computed while the words are split, so no word is copied or hashed twice.
 * The table is replaced, never changed, so a {@link Words} holds a consistent snapshot and a
 * lexicon can tell whether every one of its keys is in that snapshot (its highest id is below the
 * snapshot's size).
 */
final class LexiconKeys {
    /** A stem entry ({@code "summar*"}) is filed under its first this-many letters; so is each word's stem key. */
    static final int STEM_KEY = 4;
    private static volatile Table table = new Table(new String[0]);

    private LexiconKeys() {}

    static synchronized int id(String key) {
        int known = table.find(key, 0, key.length(), key.hashCode());
        if (known >= 0) return known;
        String[] keys = Arrays.copyOf(table.keys, table.keys.length + 1);
        keys[keys.length - 1] = key;
        table = new Table(keys);
        return keys.length - 1;
    }

    static Table snapshot() {
        return table;
    }

    /** Open addressing over the keys in id order; a slot holds id + 1 (0 is empty). */
    static final class Table {
        private final String[] keys;
        private final int[] slots;
        private final int mask;

        Table(String[] keys) {
            this.keys = keys;
            int size = Integer.highestOneBit(Math.max(4, keys.length * 4) - 1) << 1;
            slots = new int[size];
            mask = size - 1;
            for (int id = 0; id < keys.length; id++) {
                int i = spread(keys[id].hashCode()) & mask;
                while (slots[i] != 0) i = (i + 1) & mask;
                slots[i] = id + 1;
            }
        }

        int size() {
            return keys.length;
        }

        /** The id of {@code text[from, to)}, whose {@link String#hashCode} is {@code hash}; -1 if none. */
        int find(String text, int from, int to, int hash) {
            int len = to - from;
            for (int i = spread(hash) & mask; slots[i] != 0; i = (i + 1) & mask) {
                String k = keys[slots[i] - 1];
                if (k.length() == len && k.hashCode() == hash && text.regionMatches(from, k, 0, len)) return slots[i] - 1;
            }
            return -1;
        }

        private static int spread(int h) {
            return h ^ (h >>> 16);
        }
    }
}
