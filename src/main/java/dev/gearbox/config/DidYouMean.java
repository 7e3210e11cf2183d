package dev.gearbox.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Finds the names a person most likely meant when they typed one that does not exist: a typo a
 * few edits away, or a fragment of a longer name ({@code claude} for {@code claude-sonnet-4-5}).
 */
public final class DidYouMean {
    private static final int MIN_FRAGMENT = 3;

    private DidYouMean() {}

    /** Up to {@code max} candidates close to {@code name}, closest first; fragments before typos at equal distance. */
    public static List<String> closest(String name, Collection<String> candidates, int max) {
        if (name == null || name.isEmpty() || max <= 0) return List.of();
        String typed = name.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, typed.length() / 3);
        record Scored(String name, boolean fragment, int distance) {}
        List<Scored> hits = new ArrayList<>();
        for (String c : new LinkedHashSet<>(candidates)) {
            if (c.equals(name)) continue;
            String cand = c.toLowerCase(Locale.ROOT);
            boolean fragment = typed.length() >= MIN_FRAGMENT && cand.contains(typed);
            int d = distance(typed, cand);
            if (fragment || d <= limit) hits.add(new Scored(c, fragment, d));
        }
        hits.sort(Comparator.comparingInt((Scored s) -> s.fragment() ? 0 : 1)
                .thenComparingInt(Scored::distance)
                .thenComparing(Scored::name));
        return hits.stream().limit(max).map(Scored::name).toList();
    }

    /** Edit distance counting insertions, deletions, substitutions and swaps of neighbours as one each. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}
