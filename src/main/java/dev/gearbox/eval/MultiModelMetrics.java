package dev.gearbox.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RouterBench-style score of a router over many models: its (cost, quality) point at each
 * willingness-to-pay, the non-decreasing convex hull of those points, AIQ over a shared cost
 * range, and the two headline comparisons with the best single model.
 */
public record MultiModelMetrics(List<LambdaPoint> points, Frontier frontier, double aiq,
                                Double cheapestCostAtBestQuality, Double qualityAtBestSingleCost) {
    /** Willingness-to-pay values per decade in the default sweep. */
    public static final int LAMBDAS_PER_DECADE = 4;
    /** Decades swept each side of the balanced willingness-to-pay. */
    public static final int DECADES = 4;

    public MultiModelMetrics {
        points = List.copyOf(points);
    }

    /** Scores a router's sweep against a cost range shared by every curve in the report. */
    public static MultiModelMetrics of(List<LambdaPoint> points, double costMax, SingleModel bestSingle) {
        List<CostQuality> plane = points.stream().map(p -> new CostQuality(p.cost(), p.quality())).toList();
        Frontier frontier = Frontier.of(plane);
        return new MultiModelMetrics(points, frontier, frontier.aiq(costMax),
                frontier.cheapestCostReaching(bestSingle.quality()), frontier.qualityAt(bestSingle.cost()));
    }

    /** The (cost, quality) of routing every prompt with the choices given, one model index per prompt. */
    public static CostQuality evaluate(CostTable table, int[] choices) {
        double cost = 0;
        double quality = 0;
        for (int i = 0; i < choices.length; i++) {
            cost += table.cost(i, choices[i]);
            quality += table.score(i, choices[i]);
        }
        return new CostQuality(cost / choices.length, quality / choices.length);
    }

    /** Each candidate model used alone: RouterBench's points for the "zero router". */
    public static List<SingleModel> singles(CostTable table) {
        List<SingleModel> out = new ArrayList<>();
        int[] choices = new int[table.size()];
        for (int m = 0; m < table.models().size(); m++) {
            Arrays.fill(choices, m);
            CostQuality cq = evaluate(table, choices);
            out.add(new SingleModel(table.models().get(m), cq.cost(), cq.quality()));
        }
        return out;
    }

    /** The single model with the highest quality; the cheaper one on a tie. */
    public static SingleModel bestSingle(List<SingleModel> singles) {
        SingleModel best = singles.getFirst();
        for (SingleModel s : singles) {
            if (s.quality() > best.quality() || (s.quality() == best.quality() && s.cost() < best.cost())) best = s;
        }
        return best;
    }

    /** The single model with the lowest cost; the better one on a tie. */
    public static SingleModel cheapestSingle(List<SingleModel> singles) {
        SingleModel best = singles.getFirst();
        for (SingleModel s : singles) {
            if (s.cost() < best.cost() || (s.cost() == best.cost() && s.quality() > best.quality())) best = s;
        }
        return best;
    }

    /** RouterBench's zero router: the frontier of the single models mixed at random. */
    public static Frontier zeroRouter(List<SingleModel> singles) {
        return Frontier.of(singles.stream().map(s -> new CostQuality(s.cost(), s.quality())).toList());
    }

    /**
     * The default sweep: 0, then {@value #LAMBDAS_PER_DECADE} values per decade for
     * {@value #DECADES} decades each side of the willingness-to-pay at which a typical cost gap
     * between models equals the whole score range.
     */
    public static double[] defaultLambdas(CostTable table, double scoreRange) {
        double gap = 0;
        for (int i = 0; i < table.size(); i++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int m = 0; m < table.models().size(); m++) {
                lo = Math.min(lo, table.cost(i, m));
                hi = Math.max(hi, table.cost(i, m));
            }
            gap += hi - lo;
        }
        gap /= table.size();
        double balanced = gap > 0 && scoreRange > 0 ? gap / scoreRange : 1.0;
        int steps = 2 * DECADES * LAMBDAS_PER_DECADE + 1;
        double[] lambdas = new double[steps + 1];
        for (int k = 0; k < steps; k++) {
            lambdas[k + 1] = balanced * Math.pow(10, (double) (k - DECADES * LAMBDAS_PER_DECADE) / LAMBDAS_PER_DECADE);
        }
        return lambdas;
    }
}
