package dev.gearbox.wire.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.Usage;
import java.io.IOException;

/** OpenAI's {@code usage} object to and from canonical {@link Usage}; shared by responses, chunks and streams. */
final class OpenAiUsage {
    private OpenAiUsage() {}

    /**
     * Reads prompt_tokens, completion_tokens, prompt_tokens_details.cached_tokens and
     * completion_tokens_details.reasoning_tokens; null when the node is absent or not an object.
     */
    static Usage parse(JsonNode usage) {
        if (usage == null || !usage.isObject()) return null;
        return new Usage(
                usage.path("prompt_tokens").asInt(0),
                usage.path("completion_tokens").asInt(0),
                usage.path("prompt_tokens_details").path("cached_tokens").asInt(0),
                0,
                usage.path("completion_tokens_details").path("reasoning_tokens").asInt(0));
    }

    /** Writes {@code "usage": {...}} the way OpenAI does, details objects included. */
    static void write(JsonGenerator g, Usage u) throws IOException {
        g.writeObjectFieldStart("usage");
        g.writeNumberField("prompt_tokens", u.inputTokens());
        g.writeNumberField("completion_tokens", u.outputTokens());
        g.writeNumberField("total_tokens", u.totalTokens());
        g.writeObjectFieldStart("prompt_tokens_details");
        g.writeNumberField("cached_tokens", u.cachedInputTokens());
        g.writeEndObject();
        g.writeObjectFieldStart("completion_tokens_details");
        g.writeNumberField("reasoning_tokens", u.reasoningTokens());
        g.writeEndObject();
        g.writeEndObject();
    }
}
