package dev.gearbox.signals;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of keywords and phrases matched against {@link Words}: {@code "step by step"} matches
 * those words in a row, {@code "summar*"} any word starting with {@code summar} (stems are at
 * least four letters). Entries are filed under their first word (or its first four letters for a
 * stem), numbered by {@link LexiconKeys}; a {@link Words} looks each word up there once, so a
 * lexicon's check at a word is an array read, whatever the number of lexicons or their size.
 */
final class Lexicon {
    private static final String[][] NONE = new String[0][];
    private final String[][][] exact;
    private final String[][][] stems;
    private final int maxId;

    Lexicon(String... phrases) {
        List<List<String[]>> exactById = new ArrayList<>();
        List<List<String[]>> stemById = new ArrayList<>();
        int max = -1;
        for (String p : phrases) {
            String[] w = p.split(" ");
            boolean stem = w[0].endsWith("*");
            if (stem && w[0].length() - 1 < LexiconKeys.STEM_KEY) throw new IllegalArgumentException("stem too short: " + p);
            int id = LexiconKeys.id(stem ? w[0].substring(0, LexiconKeys.STEM_KEY) : w[0]);
            max = Math.max(max, id);
            List<List<String[]>> into = stem ? stemById : exactById;
            while (into.size() <= id) into.add(null);
            if (into.get(id) == null) into.set(id, new ArrayList<>());
            into.get(id).add(w);
        }
        maxId = max;
        exact = table(exactById, max);
        stems = table(stemById, max);
    }

    private static String[][][] table(List<List<String[]>> byId, int max) {
        String[][][] t = new String[max + 1][][];
        for (int id = 0; id <= max; id++) {
            List<String[]> l = id < byId.size() ? byId.get(id) : null;
            t[id] = l == null ? NONE : l.toArray(String[][]::new);
        }
        return t;
    }

    /** How many times any entry occurs. */
    int count(Words text) {
        int n = 0;
        for (int i = 0; i < text.words.length; i++) if (matchesAt(text, i)) n++;
        return n;
    }

    boolean any(Words text) {
        for (int i = 0; i < text.words.length; i++) if (matchesAt(text, i)) return true;
        return false;
    }

    /** Whether an entry starts at word {@code i}. */
    boolean matchesAt(Words text, int i) {
        if (!text.knows(maxId)) return matchesAtSlowly(text.words, i);
        String[] w = text.words;
        int id = text.exactId(i);
        if (id >= 0 && id <= maxId) for (String[] p : exact[id]) if (phraseAt(p, w, i)) return true;
        id = text.stemId(i);
        if (id >= 0 && id <= maxId) for (String[] p : stems[id]) if (phraseAt(p, w, i)) return true;
        return false;
    }

    /** For a {@link Words} made before this lexicon's keys were numbered (never on the request path). */
    private boolean matchesAtSlowly(String[] w, int i) {
        LexiconKeys.Table keys = LexiconKeys.snapshot();
        int id = keys.find(w[i], 0, w[i].length(), w[i].hashCode());
        if (id >= 0 && id <= maxId) for (String[] p : exact[id]) if (phraseAt(p, w, i)) return true;
        if (w[i].length() >= LexiconKeys.STEM_KEY) {
            id = keys.find(w[i], 0, LexiconKeys.STEM_KEY, w[i].substring(0, LexiconKeys.STEM_KEY).hashCode());
            if (id >= 0 && id <= maxId) for (String[] p : stems[id]) if (phraseAt(p, w, i)) return true;
        }
        return false;
    }

    private static boolean phraseAt(String[] p, String[] w, int i) {
        if (i + p.length > w.length) return false;
        for (int k = 0; k < p.length; k++) {
            String part = p[k];
            if (part.endsWith("*")) {
                if (!w[i + k].regionMatches(0, part, 0, part.length() - 1)) return false;
            } else if (!w[i + k].equals(part)) {
                return false;
            }
        }
        return true;
    }
}
