package dev.gearbox.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The reference routers every two-model result is read against: random (APGR about 0.5 by
 * construction), prompt length (a trivial signal that already beats random on MMLU and GSM8K),
 * and the oracle that knows the answers (the ceiling).
 */
public final class TwoModelBaselines {
    private TwoModelBaselines() {}

    /**
     * Uniform p_strong in [0, 1), drawn per prompt from the seed and the prompt's id, so a run is
     * reproducible and independent of the order prompts are scored in.
     */
    public static TwoModelRouter random(long seed) {
        return item -> new SplittableRandom(seed * 0x9E3779B97F4A7C15L + fnv1a64(item.id())).nextDouble();
    }

    /** p_strong = the prompt's length in characters (Unicode code points, as Python's len). */
    public static TwoModelRouter length() {
        return item -> item.prompt().codePointCount(0, item.prompt().length());
    }

    /**
     * The oracle for these items: ranks them by strong score - weak score, so prompts where the
     * strong model wins go strong first and prompts where it loses go last; no router can order
     * them better. Ties are broken by a hash of the id, giving distinct scores (and so the same 11
     * distinct thresholds a real router gets) rather than a few tied groups.
     */
    public static TwoModelRouter optimal(List<RoutesetItem> items, String strong, String weak) {
        List<RoutesetItem> ranked = new ArrayList<>(items);
        ranked.sort(Comparator.comparingDouble((RoutesetItem i) -> i.score(strong) - i.score(weak))
                .thenComparingLong(i -> fnv1a64(i.id())).thenComparing(RoutesetItem::id));
        Map<String, Double> rank = new HashMap<>();
        for (int r = 0; r < ranked.size(); r++) rank.put(ranked.get(r).id(), (double) r);
        return item -> {
            Double r = rank.get(item.id());
            if (r == null) throw new IllegalArgumentException("the oracle was built without item " + item.id());
            return r;
        };
    }

    private static long fnv1a64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
