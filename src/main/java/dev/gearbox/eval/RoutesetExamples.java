package dev.gearbox.eval;

import dev.gearbox.embed.Embedder;
import dev.gearbox.learn.Example;
import dev.gearbox.policy.PromptEmbedding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns routeset items into the learned router's labelled examples: the routeset's strong/weak
 * pair (for multi-model sets, the model with the best mean score against the cheapest one), both
 * scores scaled to 0..1 by the set's score range, and the prompt's embedding.
 */
public final class RoutesetExamples {
    /** Prompts embedded per call, so the progress bar moves. */
    static final int BATCH = 64;

    private RoutesetExamples() {}

    /** The strong and the weak model a routeset's labels compare. */
    public record Pair(String strong, String weak) {}

    public static Pair pair(Routeset set) {
        RoutesetMeta m = set.meta();
        if (m.twoModel()) return new Pair(m.strong(), m.weak());
        Map<String, double[]> sums = new HashMap<>();
        for (RoutesetItem i : set.items()) {
            i.scores().forEach((model, s) -> {
                double[] a = sums.computeIfAbsent(model, k -> new double[2]);
                a[0] += s;
                a[1]++;
            });
        }
        String best = sums.entrySet().stream().max(Comparator.comparingDouble(e -> e.getValue()[0] / e.getValue()[1]))
                .map(Map.Entry::getKey).orElseThrow(() -> new IllegalArgumentException(set.name() + " has no scores"));
        String cheapest = m.modelNames().stream().filter(sums::containsKey).filter(x -> !x.equals(best))
                .min(Comparator.comparingDouble(x -> m.price(x).map(p -> p.inputPerMTok() + p.outputPerMTok()).orElse(Double.MAX_VALUE)))
                .orElseThrow(() -> new IllegalArgumentException(set.name() + " needs prices in its meta file to pick the weak model"));
        return new Pair(best, cheapest);
    }

    /** Items that have both models' scores, as examples (embedding every prompt, with a progress bar). */
    public static List<Example> of(Routeset set, List<RoutesetItem> items, Embedder embedder, ProgressBar bar) {
        Pair p = pair(set);
        double lo = set.meta().scoreMin();
        double span = Math.max(1e-9, set.meta().scoreMax() - set.meta().scoreMin());
        List<RoutesetItem> usable = new ArrayList<>();
        for (RoutesetItem i : items) if (i.scores().containsKey(p.strong()) && i.scores().containsKey(p.weak())) usable.add(i);
        List<Example> out = new ArrayList<>(usable.size());
        for (int b = 0; b < usable.size(); b += BATCH) {
            List<RoutesetItem> chunk = usable.subList(b, Math.min(usable.size(), b + BATCH));
            List<String> texts = new ArrayList<>(chunk.size());
            for (RoutesetItem i : chunk) texts.add(text(i));
            List<float[]> vs = embedder.embedAll(texts);
            for (int j = 0; j < chunk.size(); j++) {
                RoutesetItem i = chunk.get(j);
                out.add(new Example(texts.get(j), vs.get(j), (i.score(p.strong()) - lo) / span, (i.score(p.weak()) - lo) / span, set.name()));
            }
            bar.advance(chunk.size());
        }
        return out;
    }

    /**
     * Items scored on every one of {@code models}, as examples for a router over many models
     * (scores scaled to 0..1 by the set's range), embedding every prompt with a progress bar.
     */
    public static List<dev.gearbox.learn.QualityExample> scored(Routeset set, List<RoutesetItem> items, List<String> models,
                                                                Embedder embedder, ProgressBar bar) {
        double lo = set.meta().scoreMin();
        double span = Math.max(1e-9, set.meta().scoreMax() - set.meta().scoreMin());
        List<RoutesetItem> usable = new ArrayList<>();
        for (RoutesetItem i : items) if (models.stream().allMatch(i.scores()::containsKey)) usable.add(i);
        List<dev.gearbox.learn.QualityExample> out = new ArrayList<>(usable.size());
        for (int b = 0; b < usable.size(); b += BATCH) {
            List<RoutesetItem> chunk = usable.subList(b, Math.min(usable.size(), b + BATCH));
            List<String> texts = new ArrayList<>(chunk.size());
            for (RoutesetItem i : chunk) texts.add(text(i));
            List<float[]> vs = embedder.embedAll(texts);
            for (int j = 0; j < chunk.size(); j++) {
                double[] sc = new double[models.size()];
                for (int m = 0; m < sc.length; m++) sc[m] = (chunk.get(j).score(models.get(m)) - lo) / span;
                out.add(new dev.gearbox.learn.QualityExample(texts.get(j), vs.get(j), sc));
            }
            bar.advance(chunk.size());
        }
        return out;
    }

    /** What the gateway routes on for this item: its prompt, capped as the gateway caps it. */
    public static String text(RoutesetItem i) {
        return PromptEmbedding.text(SemanticEval.chat(i));
    }
}
