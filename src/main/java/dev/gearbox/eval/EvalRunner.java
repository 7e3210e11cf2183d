package dev.gearbox.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Replays a routing policy over a routeset, scores it beside the baselines and writes the report:
 * the one entry point the CLI and tests use to evaluate a policy offline.
 */
public final class EvalRunner {
    /** How a run is labelled and whether it draws a progress bar on stderr. */
    public record Options(String policy, long seed, boolean progress) {
        public static final String UNNAMED_POLICY = "policy";

        /** An unnamed policy, seed 0, no progress bar. */
        public static Options defaults() {
            return new Options(UNNAMED_POLICY, 0, false);
        }
    }

    private EvalRunner() {}

    /** Scores a two-model router with {@link Options#defaults()}. */
    public static TwoModelSummary runTwoModel(Routeset set, TwoModelRouter router, Path outDir) {
        return runTwoModel(set, router, outDir, Options.defaults());
    }

    /** Scores a two-model router the way RouteLLM does and writes the report to {@code outDir}. */
    public static TwoModelSummary runTwoModel(Routeset set, TwoModelRouter router, Path outDir, Options options) {
        RoutesetMeta meta = set.meta();
        if (!meta.twoModel()) {
            throw new IllegalArgumentException("routeset " + set.name() + " names no strong/weak pair in its meta file; score it with runMultiModel");
        }
        List<RoutesetItem> items = set.items();
        int n = items.size();
        double[] strong = new double[n];
        double[] weak = new double[n];
        for (int i = 0; i < n; i++) {
            strong[i] = items.get(i).score(meta.strong());
            weak[i] = items.get(i).score(meta.weak());
        }
        ProgressBar bar = options.progress() ? ProgressBar.toStderr(set.name() + " " + options.policy(), n) : ProgressBar.silent(n);
        double[] pStrong = scores(items, router, options.policy(), bar);
        bar.finish();
        Map<String, TwoModelMetrics> baselines = new LinkedHashMap<>();
        baselines.put("random", TwoModelMetrics.compute(scores(items, TwoModelBaselines.random(options.seed()), "random", null), strong, weak));
        baselines.put("length", TwoModelMetrics.compute(scores(items, TwoModelBaselines.length(), "length", null), strong, weak));
        baselines.put("optimal", TwoModelMetrics.compute(scores(items, TwoModelBaselines.optimal(items, meta.strong(), meta.weak()), "optimal", null), strong, weak));
        double median = TwoModelMetrics.thresholds(pStrong)[TwoModelMetrics.BINS / 2];
        TwoModelSummary summary = new TwoModelSummary(set.name(), options.policy(), splitLabel(items), n, meta.strong(), meta.weak(),
                options.seed(), median, TwoModelMetrics.compute(pStrong, strong, weak), baselines, meta.reference());
        EvalReport.writeTwoModel(outDir, summary, items, pStrong);
        return summary;
    }

    /** Scores a multi-model router with {@link Options#defaults()}. */
    public static MultiModelSummary runMultiModel(Routeset set, MultiModelRouter router, Path outDir) {
        return runMultiModel(set, router, outDir, Options.defaults());
    }

    /** Sweeps a multi-model router over willingness-to-pay, scores it RouterBench's way and writes the report. */
    public static MultiModelSummary runMultiModel(Routeset set, MultiModelRouter router, Path outDir, Options options) {
        CostTable table = CostTable.of(set);
        double[] lambdas = MultiModelMetrics.defaultLambdas(table, set.meta().scoreMax() - set.meta().scoreMin());
        ProgressBar bar = options.progress()
                ? ProgressBar.toStderr(set.name() + " " + options.policy(), (long) lambdas.length * table.size())
                : ProgressBar.silent((long) lambdas.length * table.size());
        int[][] choices = sweep(table, router, lambdas, options.policy(), bar);
        bar.finish();
        List<LambdaPoint> points = points(table, lambdas, choices);
        double[] once = {0.0};
        Map<String, List<LambdaPoint>> baselinePoints = new LinkedHashMap<>();
        baselinePoints.put("oracle", points(table, lambdas, sweep(table, MultiModelBaselines.oracle(table), lambdas, "oracle", null)));
        baselinePoints.put("cheapest", points(table, once, sweep(table, MultiModelBaselines.cheapest(table), once, "cheapest", null)));
        baselinePoints.put("best-single", points(table, once, sweep(table, MultiModelBaselines.bestSingle(table), once, "best-single", null)));
        baselinePoints.put("random", points(table, once, sweep(table, MultiModelBaselines.random(table, options.seed()), once, "random", null)));

        List<SingleModel> singles = MultiModelMetrics.singles(table);
        SingleModel best = MultiModelMetrics.bestSingle(singles);
        double costMax = singles.stream().mapToDouble(SingleModel::cost).max().orElseThrow();
        for (LambdaPoint p : points) costMax = Math.max(costMax, p.cost());
        for (List<LambdaPoint> ps : baselinePoints.values()) for (LambdaPoint p : ps) costMax = Math.max(costMax, p.cost());
        Map<String, MultiModelMetrics> baselines = new LinkedHashMap<>();
        for (var e : baselinePoints.entrySet()) baselines.put(e.getKey(), MultiModelMetrics.of(e.getValue(), costMax, best));
        Frontier zero = MultiModelMetrics.zeroRouter(singles);

        int decision = decisionIndex(points, best);
        List<String> decided = Arrays.stream(choices[decision]).mapToObj(table.models()::get).toList();
        MultiModelSummary summary = new MultiModelSummary(set.name(), options.policy(), splitLabel(table.items()), table.size(),
                table.skippedPrompts(), table.models(), table.unpricedModels(), options.seed(),
                Arrays.stream(lambdas).boxed().toList(), lambdas[decision], costMax, singles, best,
                MultiModelMetrics.cheapestSingle(singles), zero, zero.aiq(costMax),
                MultiModelMetrics.of(points, costMax, best), baselines, set.meta().reference());
        EvalReport.writeMultiModel(outDir, summary, table.items(), decided);
        return summary;
    }

    private static double[] scores(List<RoutesetItem> items, TwoModelRouter router, String name, ProgressBar bar) {
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            RoutesetItem item = items.get(i);
            double p;
            try {
                p = router.pStrong(item);
            } catch (RuntimeException e) {
                throw new IllegalStateException("policy " + name + " failed on item " + item.id() + ": " + e.getMessage(), e);
            }
            if (!Double.isFinite(p)) throw new IllegalStateException("policy " + name + " gave p_strong " + p + " for item " + item.id());
            out[i] = p;
            if (bar != null) bar.advance(1);
        }
        return out;
    }

    private static int[][] sweep(CostTable table, MultiModelRouter router, double[] lambdas, String name, ProgressBar bar) {
        int[][] choices = new int[lambdas.length][table.size()];
        for (int l = 0; l < lambdas.length; l++) {
            for (int i = 0; i < table.size(); i++) {
                RoutesetItem item = table.items().get(i);
                String model;
                try {
                    model = router.choose(item, lambdas[l]);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("policy " + name + " failed on item " + item.id() + " at lambda " + lambdas[l] + ": " + e.getMessage(), e);
                }
                int m = model == null ? -1 : table.modelIndex(model);
                if (m < 0) {
                    throw new IllegalStateException("policy " + name + " chose '" + model + "' for item " + item.id()
                            + ", which is not a priced model of this routeset; candidates: " + table.models());
                }
                choices[l][i] = m;
                if (bar != null) bar.advance(1);
            }
        }
        return choices;
    }

    private static List<LambdaPoint> points(CostTable table, double[] lambdas, int[][] choices) {
        List<LambdaPoint> out = new ArrayList<>(lambdas.length);
        for (int l = 0; l < lambdas.length; l++) {
            CostQuality cq = MultiModelMetrics.evaluate(table, choices[l]);
            out.add(new LambdaPoint(lambdas[l], cq.cost(), cq.quality()));
        }
        return out;
    }

    /** The smallest lambda whose point matches the best single model, else the one with the best quality. */
    private static int decisionIndex(List<LambdaPoint> points, SingleModel best) {
        int top = 0;
        for (int l = 0; l < points.size(); l++) {
            if (points.get(l).quality() >= best.quality()) return l;
            if (points.get(l).quality() > points.get(top).quality()) top = l;
        }
        return top;
    }

    private static String splitLabel(List<RoutesetItem> items) {
        TreeSet<String> splits = new TreeSet<>();
        for (RoutesetItem i : items) splits.add(i.split());
        return String.join("+", splits);
    }
}
