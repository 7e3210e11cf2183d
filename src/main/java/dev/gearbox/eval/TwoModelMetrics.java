package dev.gearbox.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * RouteLLM's score of a two-model router ({@code routellm/evals/evaluate.py} and
 * {@code benchmarks.py}): thresholds at the 11 quantile edges of the router's scores, one
 * (% strong calls, quality) point per edge, APGR from the trapezoid area and CPT by interpolation.
 *
 * <p>Where RouteLLM is defined this is bit-for-bit its arithmetic. Where it is not: pandas
 * {@code qcut} raises on duplicate edges (RouteLLM passes no {@code duplicates=}), so RouteLLM
 * cannot score a router whose scores tie heavily. We keep all 11 edges, as RouteLLM's own comment
 * intends ("including duplicates"): a duplicate edge repeats a point and adds no area.
 * {@code uniqueEdges} says whether RouteLLM itself could have produced the numbers.
 */
public record TwoModelMetrics(List<CurvePoint> points, double auc, double apgr, double cpt50, double cpt80,
                              double weakQuality, double strongQuality, boolean uniqueEdges) {
    /** Number of quantile bins RouteLLM cuts the scores into ({@code --num-results}). */
    public static final int BINS = 10;

    public TwoModelMetrics {
        points = List.copyOf(points);
    }

    /**
     * Scores a router from its per-prompt scores and each prompt's strong and weak model scores
     * (all three arrays in the same prompt order).
     */
    public static TwoModelMetrics compute(double[] pStrong, double[] strongScores, double[] weakScores) {
        int n = pStrong.length;
        if (n == 0) throw new IllegalArgumentException("no prompts to score");
        if (strongScores.length != n || weakScores.length != n) throw new IllegalArgumentException("p_strong, strong and weak scores differ in length");
        double[] edges = thresholds(pStrong);
        List<CurvePoint> points = new ArrayList<>(edges.length);
        for (int i = 0; i < edges.length; i++) {
            boolean last = i == edges.length - 1;
            int strongCalls = 0;
            double sum = 0;
            for (int k = 0; k < n; k++) {
                boolean strong = last ? pStrong[k] > edges[i] : pStrong[k] >= edges[i];
                if (strong) strongCalls++;
                sum += strong ? strongScores[k] : weakScores[k];
            }
            points.add(new CurvePoint(edges[i], (double) strongCalls / n * 100, sum / n));
        }
        points.sort(Comparator.comparingDouble(CurvePoint::strongPercent));
        return fromPoints(points, mean(weakScores), mean(strongScores), distinct(edges) == edges.length);
    }

    /** The 11 thresholds RouteLLM tries: pandas {@code qcut(pStrong, 10, retbins=True)} edges. */
    public static double[] thresholds(double[] pStrong) {
        return NumpyArithmetic.quantileEdges(pStrong, BINS);
    }

    /** APGR and CPT of points already sorted by % strong calls. */
    static TwoModelMetrics fromPoints(List<CurvePoint> sorted, double weak, double strong, boolean uniqueEdges) {
        int m = sorted.size();
        double[] x = new double[m];
        double[] xPct = new double[m];
        double[] y = new double[m];
        double[] weakLine = new double[m];
        double[] strongLine = new double[m];
        for (int i = 0; i < m; i++) {
            xPct[i] = sorted.get(i).strongPercent();
            x[i] = xPct[i] / 100;
            y[i] = sorted.get(i).quality();
            weakLine[i] = weak;
            strongLine[i] = strong;
        }
        double auc = NumpyArithmetic.trapezoid(y, x);
        double weakAuc = NumpyArithmetic.trapezoid(weakLine, x);
        double strongAuc = NumpyArithmetic.trapezoid(strongLine, x);
        double apgr = (auc - weakAuc) / (strongAuc - weakAuc);
        return new TwoModelMetrics(sorted, auc, apgr, cpt(0.5, weak, strong, y, xPct), cpt(0.8, weak, strong, y, xPct),
                weak, strong, uniqueEdges);
    }

    /** % strong calls needed to recover {@code share} of the weak-to-strong quality gap. */
    private static double cpt(double share, double weak, double strong, double[] quality, double[] strongPercent) {
        return NumpyArithmetic.interp(share * (strong - weak) + weak, quality, strongPercent);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) sum += v;
        return sum / values.length;
    }

    private static int distinct(double[] values) {
        return (int) Arrays.stream(values).distinct().count();
    }
}
