package dev.gearbox.eval;

/**
 * Reference routers for multi-model sets: the oracle that knows every answer's score (the
 * ceiling), the cheapest and the best single model, and a uniformly random pick.
 */
public final class MultiModelBaselines {
    private MultiModelBaselines() {}

    /**
     * The oracle: maximises {@code lambda * score - cost} with the true scores; at a high enough
     * lambda that is the cheapest model with the prompt's best score.
     */
    public static MultiModelRouter oracle(CostTable table) {
        return (item, lambda) -> {
            int i = indexOf(table, item);
            int best = 0;
            for (int m = 1; m < table.models().size(); m++) {
                double gain = lambda * table.score(i, m) - table.cost(i, m);
                double bestGain = lambda * table.score(i, best) - table.cost(i, best);
                if (gain > bestGain || (gain == bestGain && table.cost(i, m) < table.cost(i, best))) best = m;
            }
            return table.models().get(best);
        };
    }

    /** Always the model with the lowest mean cost. */
    public static MultiModelRouter cheapest(CostTable table) {
        String model = MultiModelMetrics.cheapestSingle(MultiModelMetrics.singles(table)).model();
        return (item, lambda) -> model;
    }

    /** Always the model with the highest mean quality. */
    public static MultiModelRouter bestSingle(CostTable table) {
        String model = MultiModelMetrics.bestSingle(MultiModelMetrics.singles(table)).model();
        return (item, lambda) -> model;
    }

    /** A uniformly random candidate per prompt, from the seed and the prompt's id; ignores lambda. */
    public static MultiModelRouter random(CostTable table, long seed) {
        TwoModelRouter draw = TwoModelBaselines.random(seed);
        return (item, lambda) -> table.models().get((int) (draw.pStrong(item) * table.models().size()));
    }

    private static int indexOf(CostTable table, RoutesetItem item) {
        int i = table.itemIndex(item.id());
        if (i < 0) throw new IllegalArgumentException("item " + item.id() + " is not in the cost table");
        return i;
    }
}
