package dev.gearbox.policy;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.embed.EmbeddingModel;
import dev.gearbox.embed.TokenLimit;
import dev.gearbox.pipeline.AttemptRecord;
import io.vertx.core.Future;
import java.util.function.Consumer;

/**
 * The need for an embedding of the request's routing text (the last user turn), read whole up to
 * {@link #MAX_CHARS} characters ({@link TokenLimit#NONE}, the model reads at most 510 word pieces
 * per pass; the cap keeps a pasted document from costing tens of milliseconds of CPU for no better
 * routing), or at most a number of word pieces ({@link #of(TokenLimit)}, what semantic policies
 * use: the cost is then bounded by the limit), by one of the {@link EmbeddingModel}s. Needs with
 * equal limits and models are one need: policies that read the same embedding share one per
 * request; a different limit or model is a second embedding.
 */
public record PromptEmbedding(TokenLimit limit, EmbeddingModel model) implements Need<float[]> {
    /** The whole routing text (up to {@link #MAX_CHARS}) by MiniLM: what the learned router was trained and serves on. */
    public static final PromptEmbedding NEED = new PromptEmbedding(TokenLimit.NONE, EmbeddingModel.MINILM);
    public static final int MAX_CHARS = 2_000;

    public static PromptEmbedding of(TokenLimit limit) {
        return of(limit, EmbeddingModel.MINILM);
    }

    public static PromptEmbedding of(TokenLimit limit, EmbeddingModel model) {
        return limit.bounded() || model != EmbeddingModel.MINILM ? new PromptEmbedding(limit, model) : NEED;
    }

    @Override
    public Future<float[]> fulfil(RoutingInput input, SlowWork work, Consumer<AttemptRecord> billing) {
        return work.embed(text(input.request(), limit), limit, model);
    }

    @Override
    public String describe() {
        String by = model == EmbeddingModel.MINILM ? "" : model.wire() + ", ";
        return limit.bounded() || !by.isEmpty() ? "prompt-embedding(" + by + limit.describe() + " tokens)" : "prompt-embedding";
    }

    /** The text a request is routed on: its last user turn (else the last turn), capped at {@link #MAX_CHARS}. */
    public static String text(ChatRequest request) {
        String text = routingText(request);
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    }

    /**
     * The text embedded under {@code limit}: {@link #text(ChatRequest)} without a limit; with one, the
     * head and tail characters the limit can read ({@link TokenLimit#clip}), so the tail is the
     * prompt's real end even past {@link #MAX_CHARS}.
     */
    public static String text(ChatRequest request, TokenLimit limit) {
        return limit.bounded() ? limit.clip(routingText(request)) : text(request);
    }

    private static String routingText(ChatRequest request) {
        String text = "";
        for (Message m : request.messages()) {
            if (m.role() == Role.USER) text = m.text();
        }
        if (text.isEmpty() && !request.messages().isEmpty()) text = request.messages().get(request.messages().size() - 1).text();
        return text;
    }
}
