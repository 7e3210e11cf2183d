package dev.gearbox.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A text as lower-case words (runs of letters and digits; everything else separates them), made
 * once per request so that keyword detectors are array reads rather than case-insensitive regex
 * scans: each word (and its four-letter stem key) is looked up once in {@link LexiconKeys}, and
 * every {@link Lexicon} then checks only the entries filed under that key. "Step-by-step" reads
 * as {@code step by step}, "TL;DR" as {@code tl dr}.
 */
final class Words {
    private static final int STEM_KEY = 4;
    final String[] words;
    final String lower;
    private final int known;
    private final int[] exactIds;
    private final int[] stemIds;

    Words(String text) {
        lower = text.toLowerCase(java.util.Locale.ROOT);
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean word = i < lower.length() && Character.isLetterOrDigit(lower.charAt(i));
            if (word && start < 0) start = i;
            else if (!word && start >= 0) {
                out.add(lower.substring(start, i));
                start = -1;
            }
        }
        words = out.toArray(new String[0]);
        Map<String, Integer> keys = LexiconKeys.snapshot();
        known = keys.size();
        exactIds = new int[words.length];
        stemIds = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            exactIds[i] = keys.getOrDefault(w, -1);
            stemIds[i] = w.length() >= STEM_KEY ? keys.getOrDefault(w.substring(0, STEM_KEY), -1) : -1;
        }
    }

    int size() {
        return words.length;
    }

    String first() {
        return words.length == 0 ? "" : words[0];
    }

    /** Whether this text's lookups cover every key numbered up to {@code id}. */
    boolean knows(int id) {
        return id < known;
    }

    int exactId(int i) {
        return exactIds[i];
    }

    int stemId(int i) {
        return stemIds[i];
    }
}
