package dev.gearbox.app;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.dispatch.SideCall;
import dev.gearbox.embed.EmbeddingModel;
import dev.gearbox.embed.SentenceEmbedder;
import dev.gearbox.embed.TokenLimit;
import dev.gearbox.pipeline.AttemptRecord;
import dev.gearbox.policy.SlowWork;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The gateway's slow services for routing: embeddings on a small dedicated worker pool (sized to
 * the cores the ONNX model can use, so a burst queues rather than starving Vert.x's own workers)
 * with the most recent ones cached by model, token limit and text, and judge calls through the dispatch stage.
 */
final class RoutingWork implements SlowWork {
    /** Threads embedding prompts; ONNX Runtime already uses several cores per call. */
    static final int EMBED_THREADS = 2;

    private final WorkerExecutor embedPool;
    private final Function<EmbeddingModel, SentenceEmbedder> embedders;
    private final SideCall calls;
    private final EmbeddingCache cache = new EmbeddingCache();

    RoutingWork(WorkerExecutor embedPool, Function<EmbeddingModel, SentenceEmbedder> embedders, SideCall calls) {
        this.embedPool = embedPool;
        this.embedders = embedders;
        this.calls = calls;
    }

    @Override
    public Future<float[]> embed(String text, TokenLimit limit, EmbeddingModel model) {
        String key = model == EmbeddingModel.MINILM && !limit.bounded() ? text : model.wire() + '\u0000' + limit.describe() + '\u0000' + text;
        float[] known = cache.get(key);
        if (known != null) return Future.succeededFuture(known);
        return embedPool.executeBlocking(() -> {
            float[] v = embedders.apply(model).embed(text, limit);
            cache.put(key, v);
            return v;
        }, false);
    }

    @Override
    public <T> Future<T> compute(java.util.concurrent.Callable<T> task) {
        return embedPool.executeBlocking(task, false);
    }

    @Override
    public Future<ChatResponse> ask(String model, ChatRequest request, Duration timeout, Consumer<AttemptRecord> billing) {
        return calls.ask(model, request, timeout, billing);
    }
}
