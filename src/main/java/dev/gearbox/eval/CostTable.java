package dev.gearbox.eval;

import dev.gearbox.chat.TokenCounter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each candidate model would cost and score on each prompt of a routeset: the grid every
 * multi-model router is replayed against. Candidates are the models whose cost is known (a price
 * in the meta file, or {@code cost_usd} on every item); prompts missing a candidate's score are
 * left out and counted, so every router is scored on the same prompts.
 */
public final class CostTable {
    /** Output tokens assumed when a model's answer was not recorded. */
    public static final int TYPICAL_ANSWER_TOKENS = 256;

    private final List<RoutesetItem> items;
    private final List<String> models;
    private final List<String> unpriced;
    private final int skipped;
    private final double[][] cost;
    private final double[][] score;
    private final Map<String, Integer> itemIndex = new HashMap<>();
    private final Map<String, Integer> modelIndex = new HashMap<>();

    private CostTable(List<RoutesetItem> items, List<String> models, List<String> unpriced, int skipped, double[][] cost, double[][] score) {
        this.items = List.copyOf(items);
        this.models = List.copyOf(models);
        this.unpriced = List.copyOf(unpriced);
        this.skipped = skipped;
        this.cost = cost;
        this.score = score;
        for (int i = 0; i < items.size(); i++) itemIndex.put(items.get(i).id(), i);
        for (int m = 0; m < models.size(); m++) modelIndex.put(models.get(m), m);
    }

    /** Builds the grid: {@code cost_usd} where given, else price x tokens (prompt in, recorded or typical answer out). */
    public static CostTable of(Routeset set) {
        RoutesetMeta meta = set.meta();
        List<String> models = new ArrayList<>();
        List<String> unpriced = new ArrayList<>();
        for (String m : meta.modelNames()) {
            boolean costed = meta.price(m).isPresent() || set.items().stream().allMatch(i -> i.costUsd().containsKey(m));
            (costed ? models : unpriced).add(m);
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException("routeset " + set.name() + " gives no price or cost_usd for any model, so costs cannot be computed");
        }
        List<RoutesetItem> kept = new ArrayList<>();
        for (RoutesetItem item : set.items()) {
            if (models.stream().allMatch(item.scores()::containsKey)) kept.add(item);
        }
        if (kept.isEmpty()) throw new IllegalArgumentException("no prompt of " + set.name() + " has a score for every priced model " + models);
        double[][] cost = new double[kept.size()][models.size()];
        double[][] score = new double[kept.size()][models.size()];
        for (int i = 0; i < kept.size(); i++) {
            RoutesetItem item = kept.get(i);
            int promptTokens = -1;
            for (int m = 0; m < models.size(); m++) {
                String model = models.get(m);
                score[i][m] = item.scores().get(model);
                Double recorded = item.costUsd().get(model);
                if (recorded != null) {
                    cost[i][m] = recorded;
                    continue;
                }
                if (promptTokens < 0) promptTokens = TokenCounter.count(item.prompt());
                String answer = item.responses().get(model);
                int answerTokens = answer == null ? TYPICAL_ANSWER_TOKENS : TokenCounter.count(answer);
                cost[i][m] = meta.price(model).orElseThrow().cost(promptTokens, answerTokens);
            }
        }
        return new CostTable(kept, models, unpriced, set.size() - kept.size(), cost, score);
    }

    /** The prompts every router is scored on. */
    public List<RoutesetItem> items() { return items; }

    /** The candidate models, in the meta file's order. */
    public List<String> models() { return models; }

    /** Models left out because their cost is unknown. */
    public List<String> unpricedModels() { return unpriced; }

    /** Prompts left out because a candidate model has no score on them. */
    public int skippedPrompts() { return skipped; }

    /** Number of prompts scored. */
    public int size() { return items.size(); }

    /** Cost in USD of sending prompt {@code item} to model {@code model} (indexes into the lists above). */
    public double cost(int item, int model) { return cost[item][model]; }

    /** Score of model {@code model} on prompt {@code item}. */
    public double score(int item, int model) { return score[item][model]; }

    /** Index of a prompt by id, or -1. */
    public int itemIndex(String id) { return itemIndex.getOrDefault(id, -1); }

    /** Index of a candidate model by name, or -1. */
    public int modelIndex(String model) { return modelIndex.getOrDefault(model, -1); }
}
