package dev.gearbox.policy;

import dev.gearbox.embed.EmbeddingModel;
import dev.gearbox.embed.TokenLimit;
import dev.gearbox.learn.QualityRouter;
import dev.gearbox.pipeline.AttemptRecord;
import io.vertx.core.Future;
import java.util.function.Consumer;

/**
 * A quality router's per-model predictions for the request: the prompt's embedding, then the
 * neighbour search, the ridge and the lexical head, all on the routing workers (about a
 * millisecond over dcrouter's 5,608 prompts, which the event loop must not wait on). One need per
 * router instance: a reloaded router file is a new need.
 */
record QualityPrediction(QualityRouter router) implements Need<double[]> {
    @Override
    public Future<double[]> fulfil(RoutingInput input, SlowWork work, Consumer<AttemptRecord> billing) {
        String text = PromptEmbedding.text(input.request());
        return work.embed(text, TokenLimit.NONE, EmbeddingModel.MINILM)
                .compose(embedding -> work.compute(() -> router.predict(embedding, text)));
    }

    @Override
    public String describe() {
        return "quality-prediction";
    }
}
