package dev.gearbox.eval;

import dev.gearbox.embed.Embedder;
import dev.gearbox.learn.Example;
import dev.gearbox.learn.LearnedRouter;
import dev.gearbox.learn.Trainer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The learned router offline, in the two settings docs/routing-quality.md reports:
 * <ul>
 *   <li>{@code learned}: trained on the {@code --train} routesets only (never the scored prompts'
 *   labels); training prompts that are exact or near duplicates (cosine >= {@link #NEAR_DUPLICATE})
 *   of a scored prompt are removed first, and the count printed;</li>
 *   <li>{@code learned-personal}: k-fold within the scored set, each fold's router trained on at
 *   most {@link #MAX_PERSONAL} prompts of the other folds, as a user training on their own traffic.</li>
 * </ul>
 */
final class LearnedEval {
    static final double NEAR_DUPLICATE = 0.9;
    static final int MAX_PERSONAL = 1_500;
    static final int FOLDS = 5;
    static final Trainer.Settings EVAL = new Trainer.Settings(Trainer.Settings.DEFAULTS.k(), Trainer.Settings.DEFAULTS.power(),
            Trainer.Settings.DEFAULTS.lambda(), 0.1, Trainer.Settings.DEFAULTS.innerFolds(), Trainer.Settings.DEFAULTS.maxBank());

    private LearnedEval() {}

    static EvalPolicy outOfDomain(PolicyContext ctx) {
        if (!ctx.data().meta().twoModel()) return LearnedQualityEval.create(ctx);
        if (ctx.train().isEmpty()) throw new IllegalArgumentException("learned needs --train routesets (never the scored one's labels)");
        Embedder e = Embedder.shared();
        Map<String, float[]> scored = embedScored(ctx, e);
        List<float[]> scoredVectors = new ArrayList<>(scored.values());
        List<Example> train = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int removed = 0;
        for (Routeset t : ctx.train()) {
            List<RoutesetItem> items = new ArrayList<>();
            for (RoutesetItem i : t.items()) if (!scored.containsKey(i.id())) items.add(i);
            ProgressBar bar = ProgressBar.toStderr("embed " + t.name(), items.size());
            for (Example x : RoutesetExamples.of(t, items, e, bar)) {
                if (nearDuplicate(x.embedding(), scoredVectors)) removed++;
                else train.add(x);
            }
            bar.finish();
            names.add(t.name());
        }
        System.err.printf("learned: %d training prompts from %s; %d exact or near-duplicate (cosine >= %.2f) of scored prompts removed%n",
                train.size(), names, removed, NEAR_DUPLICATE);
        Trainer.Result fit = new Trainer(EVAL).fit(train, names, ctx.seed());
        System.err.println("learned: " + fit.recipe().describe());
        LearnedRouter r = fit.router();
        return EvalPolicy.ofTwoModel(item -> r.score(scored.get(item.id()), RoutesetExamples.text(item)));
    }

    static EvalPolicy personal(PolicyContext ctx) {
        requireTwoModel(ctx);
        Embedder e = Embedder.shared();
        List<RoutesetItem> items = ctx.data().items();
        ProgressBar bar = ProgressBar.toStderr("embed " + ctx.data().name(), items.size());
        List<Example> all = RoutesetExamples.of(ctx.data(), items, e, bar);
        bar.finish();
        if (all.size() != items.size()) throw new IllegalArgumentException("every scored item needs both models' scores");
        int n = items.size();
        int[] fold = new int[n];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) order.add(i);
        java.util.Collections.shuffle(order, new Random(ctx.seed()));
        for (int j = 0; j < n; j++) fold[order.get(j)] = j % FOLDS;
        Map<String, Double> score = new HashMap<>();
        for (int f = 0; f < FOLDS; f++) {
            List<Example> train = new ArrayList<>();
            for (int j : order) if (fold[j] != f && train.size() < MAX_PERSONAL) train.add(all.get(j));
            LearnedRouter r = new Trainer(EVAL).fit(train, List.of(ctx.data().name() + " fold " + f), ctx.seed() + f).router();
            for (int j = 0; j < n; j++) if (fold[j] == f) score.put(items.get(j).id(), r.score(all.get(j).embedding(), all.get(j).text()));
            System.err.printf("learned-personal: fold %d trained on %d prompts%n", f + 1, train.size());
        }
        return EvalPolicy.ofTwoModel(item -> score.get(item.id()));
    }

    private static Map<String, float[]> embedScored(PolicyContext ctx, Embedder e) {
        List<RoutesetItem> items = ctx.data().items();
        ProgressBar bar = ProgressBar.toStderr("embed " + ctx.data().name(), items.size());
        Map<String, float[]> out = new HashMap<>();
        for (int b = 0; b < items.size(); b += RoutesetExamples.BATCH) {
            List<RoutesetItem> chunk = items.subList(b, Math.min(items.size(), b + RoutesetExamples.BATCH));
            List<float[]> vs = e.embedAll(chunk.stream().map(RoutesetExamples::text).toList());
            for (int j = 0; j < chunk.size(); j++) out.put(chunk.get(j).id(), vs.get(j));
            bar.advance(chunk.size());
        }
        bar.finish();
        return out;
    }

    private static boolean nearDuplicate(float[] v, List<float[]> scored) {
        for (float[] s : scored) if (Embedder.cosine(v, s) >= NEAR_DUPLICATE) return true;
        return false;
    }

    private static void requireTwoModel(PolicyContext ctx) {
        if (!ctx.data().meta().twoModel()) {
            throw new IllegalArgumentException("learned-personal is scored on two-model routesets (RouteLLM's APGR); "
                    + ctx.data().name() + " has many models: use --policy learned with --train (its train split)");
        }
    }

}
