package dev.gearbox.policy;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.embed.EmbeddingModel;
import dev.gearbox.embed.TokenLimit;
import dev.gearbox.pipeline.AttemptRecord;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The slow services a {@link Need} may use, provided by the application: sentence embeddings on a
 * small worker pool, and calls to a configured model through the normal provider adapters. Neither
 * runs on the event loop that asked.
 */
public interface SlowWork {
    /** Embeds at most {@code limit}'s word pieces of {@code text} by {@code model} (L2-normalised) on a worker thread. */
    Future<float[]> embed(String text, TokenLimit limit, EmbeddingModel model);

    /**
     * Sends {@code request} to {@code model} through its deployments, failing with a timeout after
     * {@code timeout}. Every attempt, answered or not, goes to {@code billing} (as kind judge).
     */
    Future<ChatResponse> ask(String model, ChatRequest request, Duration timeout, Consumer<AttemptRecord> billing);

    /**
     * Runs CPU-bound routing work (a trained router's neighbour search over thousands of prompts)
     * on the routing workers, so the event loop never waits on it.
     */
    <T> Future<T> compute(java.util.concurrent.Callable<T> task);

    /** For routers with no slow services: every call fails, naming what was asked (computing runs in place). */
    SlowWork NONE = new SlowWork() {
        @Override
        public Future<float[]> embed(String text, TokenLimit limit, EmbeddingModel model) {
            return Future.failedFuture(new IllegalStateException("no embedder is configured for routing"));
        }

        @Override
        public Future<ChatResponse> ask(String model, ChatRequest request, Duration timeout, Consumer<AttemptRecord> billing) {
            return Future.failedFuture(new IllegalStateException("no model calls are configured for routing"));
        }

        @Override
        public <T> Future<T> compute(java.util.concurrent.Callable<T> task) {
            try {
                return Future.succeededFuture(task.call());
            } catch (Exception e) {
                return Future.failedFuture(e);
            }
        }
    };
}
