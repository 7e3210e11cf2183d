package dev.gearbox.eval;

import dev.gearbox.embed.Embedder;
import dev.gearbox.embed.SentenceEmbedder;
import dev.gearbox.embed.TokenLimit;
import dev.gearbox.policy.PromptEmbedding;
import dev.gearbox.policy.SemanticMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Semantic routing offline, with the gateway's embedder and matcher. Without {@code --train}, two
 * fixed routes written as a user would write them ({@link #HARD} and {@link #EASY} utterances):
 * p_strong is how much closer a prompt is to "hard" than to "easy". With {@code --train}, routes
 * are learned from the training prompts (never the scored ones): on two-model sets a "strong" route
 * of the prompts the strong model won and a "weak" route of the rest, matched by kNN; on
 * multi-model sets each model's quality is predicted as the similarity-weighted mean of its scores
 * on the k nearest training prompts, and the router maximises {@code lambda * quality - cost}.
 * Scored prompts are embedded under the context's token limit, as the gateway's semantic policy
 * embeds a request; utterances and training prompts (the policy's examples) are embedded whole.
 */
final class SemanticEval {
    /** Neighbours that vote, or that a multi-model estimate averages over. */
    static final int K = 20;
    /** Training prompts embedded per route at most, to bound the one-off embedding time. */
    static final int MAX_EXAMPLES_PER_ROUTE = 3_000;

    static final List<String> HARD = List.of(
            "Prove that the square root of 2 is irrational.",
            "Solve this multi-step word problem and show your reasoning.",
            "Derive the closed-form solution of this recurrence relation.",
            "Write an efficient algorithm and analyse its time complexity.",
            "Explain the quantum mechanical origin of this spectral line.",
            "Which of the following statements about constitutional law is correct? Explain.",
            "Debug this concurrent program that deadlocks under load.",
            "Compute the integral and justify each step.");
    static final List<String> EASY = List.of(
            "Hi, how are you?",
            "What is the capital of France?",
            "Translate 'good morning' into Spanish.",
            "Give me a synonym for happy.",
            "Summarise this short paragraph in one sentence.",
            "Tell me a joke.",
            "What day comes after Monday?",
            "Write a short thank-you note.");

    private SemanticEval() {}

    static EvalPolicy create(PolicyContext ctx, SemanticMatcher.Match match) {
        SentenceEmbedder e = ctx.semanticEmbedder().shared();
        List<RoutesetItem> train = trainingItems(ctx);
        if (ctx.data().meta().twoModel()) {
            RoutesetMeta meta = ctx.data().meta();
            if (train.isEmpty()) return EvalPolicy.ofTwoModel(fixedRoutes(e, match, ctx.semanticLimit()));
            List<String> strong = new ArrayList<>();
            List<String> weak = new ArrayList<>();
            for (RoutesetItem i : train) {
                if (!i.scores().containsKey(meta.strong()) || !i.scores().containsKey(meta.weak())) continue;
                (i.score(meta.strong()) > i.score(meta.weak()) ? strong : weak).add(PromptEmbedding.text(chat(i)));
            }
            if (strong.isEmpty() || weak.isEmpty()) {
                throw new IllegalArgumentException("the training data has no prompt where the strong model won, or none where it did not");
            }
            SemanticMatcher m = new SemanticMatcher(SemanticMatcher.Match.KNN, K,
                    List.of(e.embedAll(cap(strong)), e.embedAll(cap(weak))));
            TokenLimit limit = ctx.semanticLimit();
            return EvalPolicy.ofTwoModel(item -> {
                SemanticMatcher.Result r = m.match(embed(e, item, limit));
                double total = r.scores()[0] + r.scores()[1];
                return total == 0 ? 0.5 : r.scores()[0] / total;
            });
        }
        if (train.isEmpty()) {
            throw new IllegalArgumentException("semantic routing on a multi-model routeset learns each model's quality near a prompt: "
                    + "give training prompts with --train (e.g. the same file: its train split is used, the scored prompts never are)");
        }
        return EvalPolicy.ofMultiModel(new NearestQuality(ctx.data(), train, e, ctx.semanticLimit()));
    }

    /** p_strong from the fixed hard/easy routes: similarity to hard minus similarity to easy (or hard's share of the kNN vote). */
    static TwoModelRouter fixedRoutes(SentenceEmbedder e, SemanticMatcher.Match match, TokenLimit limit) {
        SemanticMatcher m = new SemanticMatcher(match, 5, List.of(e.embedAll(HARD), e.embedAll(EASY)));
        return item -> {
            SemanticMatcher.Result r = m.match(embed(e, item, limit));
            if (match == SemanticMatcher.Match.CENTROID) return r.scores()[0] - r.scores()[1];
            double total = r.scores()[0] + r.scores()[1];
            return total == 0 ? 0.5 : r.scores()[0] / total;
        };
    }

    /** Training items from {@code --train}: their train split when they have one, never an item being scored. */
    static List<RoutesetItem> trainingItems(PolicyContext ctx) {
        Set<String> scored = new HashSet<>();
        for (RoutesetItem i : ctx.data().items()) scored.add(i.id());
        List<RoutesetItem> out = new ArrayList<>();
        for (Routeset t : ctx.train()) {
            boolean hasTrainSplit = t.items().stream().anyMatch(i -> "train".equals(i.split()));
            for (RoutesetItem i : t.items()) {
                if (scored.contains(i.id())) continue;
                if (hasTrainSplit && !"train".equals(i.split())) continue;
                out.add(i);
            }
        }
        return out;
    }

    /** A scored prompt's embedding, exactly as a semantic policy with {@code limit} embeds it in the gateway. */
    static float[] embed(SentenceEmbedder e, RoutesetItem item, TokenLimit limit) {
        return e.embed(PromptEmbedding.text(chat(item), limit), limit);
    }

    static dev.gearbox.chat.ChatRequest chat(RoutesetItem item) {
        return dev.gearbox.chat.ChatRequest.of("eval", List.of(dev.gearbox.chat.Message.text(dev.gearbox.chat.Role.USER, item.prompt())));
    }

    private static List<String> cap(List<String> texts) {
        if (texts.size() <= MAX_EXAMPLES_PER_ROUTE) return texts;
        List<String> out = new ArrayList<>(MAX_EXAMPLES_PER_ROUTE);
        double step = (double) texts.size() / MAX_EXAMPLES_PER_ROUTE;
        for (int i = 0; i < MAX_EXAMPLES_PER_ROUTE; i++) out.add(texts.get((int) (i * step)));
        return out;
    }

    /** Multi-model: predicted quality per model from the nearest training prompts; cost from the scored set's table. */
    static final class NearestQuality implements MultiModelRouter {
        private final CostTable table;
        private final List<RoutesetItem> train;
        private final List<float[]> trainVectors;
        private final SentenceEmbedder e;
        private final TokenLimit limit;
        private final Map<String, double[]> predicted = new HashMap<>();

        NearestQuality(Routeset data, List<RoutesetItem> train, SentenceEmbedder e, TokenLimit limit) {
            this.table = CostTable.of(data);
            List<RoutesetItem> usable = new ArrayList<>();
            for (RoutesetItem i : train) if (table.models().stream().allMatch(i.scores()::containsKey)) usable.add(i);
            if (usable.isEmpty()) throw new IllegalArgumentException("no training prompt has a score for every priced model " + table.models());
            this.train = usable;
            List<String> texts = new ArrayList<>();
            for (RoutesetItem i : usable) texts.add(PromptEmbedding.text(chat(i)));
            this.trainVectors = e.embedAll(texts);
            this.e = e;
            this.limit = limit;
        }

        @Override
        public String choose(RoutesetItem item, double lambda) {
            double[] q = predicted.computeIfAbsent(item.id(), id -> predict(item));
            int i = table.itemIndex(item.id());
            int best = 0;
            for (int m = 1; m < q.length; m++) {
                if (lambda * q[m] - table.cost(i, m) > lambda * q[best] - table.cost(i, best)) best = m;
            }
            return table.models().get(best);
        }

        private double[] predict(RoutesetItem item) {
            float[] v = embed(e, item, limit);
            int n = trainVectors.size();
            int k = Math.min(K, n);
            Integer[] idx = new Integer[n];
            double[] sim = new double[n];
            for (int j = 0; j < n; j++) {
                idx[j] = j;
                sim[j] = Embedder.cosine(v, trainVectors.get(j));
            }
            java.util.Arrays.sort(idx, (a, b) -> Double.compare(sim[b], sim[a]));
            double[] q = new double[table.models().size()];
            double w = 0;
            for (int r = 0; r < k; r++) {
                double weight = Math.max(1e-6, sim[idx[r]]);
                w += weight;
                for (int m = 0; m < q.length; m++) q[m] += weight * train.get(idx[r]).score(table.models().get(m));
            }
            for (int m = 0; m < q.length; m++) q[m] /= w;
            return q;
        }
    }
}
