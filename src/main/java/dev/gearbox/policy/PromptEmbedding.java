package dev.gearbox.policy;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.pipeline.AttemptRecord;
import io.vertx.core.Future;
import java.util.function.Consumer;

/**
 * The need for an embedding of the request's routing text: the last user turn, capped at
 * {@link #MAX_CHARS} characters (the model reads at most 256 word pieces; the cap keeps a pasted
 * document from costing tens of milliseconds of CPU for no better routing).
 */
public record PromptEmbedding() implements Need<float[]> {
    /** The one instance: every policy that embeds the prompt shares the one embedding per request. */
    public static final PromptEmbedding NEED = new PromptEmbedding();
    public static final int MAX_CHARS = 2_000;

    @Override
    public Future<float[]> fulfil(RoutingInput input, SlowWork work, Consumer<AttemptRecord> billing) {
        return work.embed(text(input.request()));
    }

    @Override
    public String describe() {
        return "prompt-embedding";
    }

    /** The text a request is routed on: its last user turn (else the last turn), capped. */
    public static String text(ChatRequest request) {
        String text = "";
        for (Message m : request.messages()) {
            if (m.role() == Role.USER) text = m.text();
        }
        if (text.isEmpty() && !request.messages().isEmpty()) text = request.messages().get(request.messages().size() - 1).text();
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    }
}
