package dev.gearbox.policy;

import dev.gearbox.embed.EmbeddingModel;
import dev.gearbox.embed.TokenLimit;
import dev.gearbox.learn.LearnedRouter;
import dev.gearbox.pipeline.AttemptRecord;
import io.vertx.core.Future;
import java.util.function.Consumer;

/**
 * A two-model learned router's score for the request: the prompt's embedding, then the router's
 * neighbour search and blend, both on the routing workers (the search over thousands of labelled
 * prompts takes about a millisecond, which the event loop must not wait on). A router whose recipe
 * gives the neighbours no weight (the shipped one: prompt length) is scored from the text alone,
 * still on the workers, without embedding the prompt. One need per router instance: a reloaded
 * router file is a new need.
 */
record LearnedScore(LearnedRouter router) implements Need<Double> {
    @Override
    public Future<Double> fulfil(RoutingInput input, SlowWork work, Consumer<AttemptRecord> billing) {
        String text = PromptEmbedding.text(input.request());
        if (!router.readsEmbedding()) return work.compute(() -> router.score(null, text));
        return work.embed(text, TokenLimit.NONE, EmbeddingModel.MINILM)
                .compose(embedding -> work.compute(() -> router.score(embedding, text)));
    }

    @Override
    public String describe() {
        return "learned-score";
    }
}
