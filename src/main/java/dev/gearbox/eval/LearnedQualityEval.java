package dev.gearbox.eval;

import dev.gearbox.embed.Embedder;
import dev.gearbox.learn.QualityExample;
import dev.gearbox.learn.QualityRouter;
import dev.gearbox.learn.QualityTrainer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The learned router on a multi-model routeset ({@code --policy learned --train FILE}): a
 * {@link QualityRouter} is trained on the training prompts (a set's train split when it has one,
 * never a scored prompt), predicts every candidate's score on each scored prompt, and the
 * cost-aware choice maximises {@code lambda * predicted quality - cost}, so sweeping lambda traces
 * its cost-quality curve.
 */
final class LearnedQualityEval {
    private LearnedQualityEval() {}

    static EvalPolicy create(PolicyContext ctx) {
        if (ctx.train().isEmpty()) {
            throw new IllegalArgumentException("the learned router on a multi-model routeset learns each model's quality: give training "
                    + "prompts with --train (e.g. the same file: its train split is used, the scored prompts never are)");
        }
        CostTable table = CostTable.of(ctx.data());
        List<String> models = table.models();
        Embedder e = Embedder.shared();
        List<RoutesetItem> trainItems = SemanticEval.trainingItems(ctx);
        ProgressBar bar = ProgressBar.toStderr("embed training prompts", trainItems.size());
        List<QualityExample> train = RoutesetExamples.scored(ctx.data(), trainItems, models, e, bar);
        bar.finish();
        QualityTrainer.Result fit = new QualityTrainer(QualityRouter.Settings.DEFAULTS)
                .fit(train, models, ctx.train().stream().map(Routeset::name).toList(), ctx.seed());
        QualityTrainer.Holdout h = fit.holdout();
        System.err.printf(Locale.ROOT, "learned: %d training prompts on %d models; held out %d: best single %s %.3f, routed to the best "
                + "predicted model %.3f, oracle %.3f%n", train.size(), models.size(), h.prompts(), h.bestSingle(), h.bestSingleQuality(),
                h.routedQuality(), h.oracleQuality());
        QualityRouter router = fit.router();
        List<RoutesetItem> scored = table.items();
        ProgressBar sb = ProgressBar.toStderr("embed " + ctx.data().name(), scored.size());
        List<QualityExample> scoredEx = RoutesetExamples.scored(ctx.data(), scored, models, e, sb);
        sb.finish();
        double lo = ctx.data().meta().scoreMin();
        double span = ctx.data().meta().scoreMax() - lo;
        Map<String, double[]> predicted = new HashMap<>();
        for (int i = 0; i < scored.size(); i++) {
            double[] p = router.predict(scoredEx.get(i).embedding(), scoredEx.get(i).text());
            for (int m = 0; m < p.length; m++) p[m] = lo + span * p[m];
            predicted.put(scored.get(i).id(), p);
        }
        return EvalPolicy.ofMultiModel((item, lambda) -> {
            double[] q = predicted.get(item.id());
            int i = table.itemIndex(item.id());
            int best = 0;
            for (int m = 1; m < q.length; m++) {
                if (lambda * q[m] - table.cost(i, m) > lambda * q[best] - table.cost(i, best)) best = m;
            }
            return models.get(best);
        });
    }
}
