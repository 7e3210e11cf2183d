package dev.gearbox.signals;

import java.util.ArrayList;
import java.util.List;

/**
 * A text as lower-case words (runs of letters and digits; everything else separates them), made
 * once per request so that keyword detectors are array reads rather than case-insensitive regex
 * scans: each word (and its four-letter stem key) is looked up once in {@link LexiconKeys}, and
 * every {@link Lexicon} then checks only the entries filed under that key. "Step-by-step" reads
 * as {@code step by step}, "TL;DR" as {@code tl dr}.
 */
final class Words {
    final String[] words;
    private final int known;
    private final int[] exactIds;
    private final int[] stemIds;
    /** Where each word starts in the text, or null when lower-casing changed the text's length (offsets would not line up). */
    private final int[] starts;

    private Words(String[] words, int known, int[] exactIds, int[] stemIds, int[] starts) {
        this.words = words;
        this.known = known;
        this.exactIds = exactIds;
        this.stemIds = stemIds;
        this.starts = starts;
    }

    Words(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        LexiconKeys.Table keys = LexiconKeys.snapshot();
        known = keys.size();
        List<String> out = new ArrayList<>();
        int[] exact = new int[16];
        int[] stem = new int[16];
        int[] from = new int[16];
        int start = -1;
        int hash = 0;
        int stemHash = 0;
        for (int i = 0; i <= lower.length(); i++) {
            char c = i < lower.length() ? lower.charAt(i) : ' ';
            boolean word = i < lower.length() && Character.isLetterOrDigit(c);
            if (word) {
                if (start < 0) {
                    start = i;
                    hash = 0;
                }
                hash = 31 * hash + c;
                if (i - start + 1 == LexiconKeys.STEM_KEY) stemHash = hash;
            } else if (start >= 0) {
                int n = out.size();
                if (n == exact.length) {
                    exact = java.util.Arrays.copyOf(exact, n * 2);
                    stem = java.util.Arrays.copyOf(stem, n * 2);
                    from = java.util.Arrays.copyOf(from, n * 2);
                }
                from[n] = start;
                exact[n] = keys.find(lower, start, i, hash);
                stem[n] = i - start >= LexiconKeys.STEM_KEY ? keys.find(lower, start, start + LexiconKeys.STEM_KEY, stemHash) : -1;
                out.add(lower.substring(start, i));
                start = -1;
            }
        }
        words = out.toArray(new String[0]);
        exactIds = exact;
        stemIds = stem;
        starts = lower.length() == text.length() ? from : null;
    }

    /**
     * The words of {@code text}, given {@code whole}, the text these words were read from: when
     * {@code text} is a suffix of it starting at a word boundary (the usual case, the last user turn
     * at the end of the whole prompt) a view of this text's tail, so the words are not read and looked
     * up twice; else read afresh.
     */
    Words suffix(String whole, String text) {
        if (!whole.endsWith(text)) return new Words(text);
        int at = whole.length() - text.length();
        if (at == 0) return this;
        if (starts == null || Character.isLetterOrDigit(whole.charAt(at - 1))) return new Words(text);
        int first = words.length;
        for (int i = 0; i < words.length; i++) {
            if (starts[i] >= at) {
                first = i;
                break;
            }
        }
        int n = words.length - first;
        int[] shifted = new int[n];
        for (int i = 0; i < n; i++) shifted[i] = starts[first + i] - at;
        return new Words(java.util.Arrays.copyOfRange(words, first, words.length), known,
                java.util.Arrays.copyOfRange(exactIds, first, first + n),
                java.util.Arrays.copyOfRange(stemIds, first, first + n), shifted);
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
