package dev.gearbox.signals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of keywords and phrases matched against {@link Words}: {@code "step by step"} matches
 * those words in a row, {@code "summar*"} any word starting with {@code summar} (stems are at
 * least four letters). Lookup is by the first word (or its first four letters for a stem), so the
 * cost is one or two hash lookups per word of the text, whatever the size of the lexicon.
 */
final class Lexicon {
    private static final int STEM_KEY = 4;
    private final Map<String, List<String[]>> exact = new HashMap<>();
    private final Map<String, List<String[]>> stems = new HashMap<>();

    Lexicon(String... phrases) {
        for (String p : phrases) {
            String[] w = p.split(" ");
            if (w[0].endsWith("*")) {
                if (w[0].length() - 1 < STEM_KEY) throw new IllegalArgumentException("stem too short: " + p);
                stems.computeIfAbsent(w[0].substring(0, STEM_KEY), k -> new ArrayList<>()).add(w);
            } else {
                exact.computeIfAbsent(w[0], k -> new ArrayList<>()).add(w);
            }
        }
    }

    /** How many times any entry occurs. */
    int count(Words text) {
        int n = 0;
        for (int i = 0; i < text.words.length; i++) if (matchesAt(text.words, i)) n++;
        return n;
    }

    boolean any(Words text) {
        for (int i = 0; i < text.words.length; i++) if (matchesAt(text.words, i)) return true;
        return false;
    }

    /** Whether an entry starts at word {@code i}. */
    boolean matchesAt(String[] w, int i) {
        List<String[]> cands = exact.get(w[i]);
        if (cands != null) for (String[] p : cands) if (phraseAt(p, w, i)) return true;
        if (w[i].length() >= STEM_KEY) {
            cands = stems.get(w[i].substring(0, STEM_KEY));
            if (cands != null) for (String[] p : cands) if (phraseAt(p, w, i)) return true;
        }
        return false;
    }

    private static boolean phraseAt(String[] p, String[] w, int i) {
        if (i + p.length > w.length) return false;
        for (int k = 0; k < p.length; k++) {
            String part = p[k];
            if (part.endsWith("*")) {
                if (!w[i + k].startsWith(part.substring(0, part.length() - 1))) return false;
            } else if (!w[i + k].equals(part)) {
                return false;
            }
        }
        return true;
    }
}
