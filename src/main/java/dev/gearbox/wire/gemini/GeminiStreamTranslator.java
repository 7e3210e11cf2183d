package dev.gearbox.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.chat.ToolCallDelta;
import dev.gearbox.config.Deployment;
import dev.gearbox.providers.SseEvent;
import dev.gearbox.providers.StreamTranslator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates {@code streamGenerateContent?alt=sse}: every {@code data:} is a whole
 * GenerateContentResponse holding the next slice of text, and function calls arrive complete, so
 * each becomes one {@link ToolCallDelta} with id, name and all its arguments. Gemini sends no
 * {@code [DONE]}; the chunk carrying {@code finishReason} is the terminal event, after which the
 * finish and the last usage seen are emitted. One instance per stream.
 */
public final class GeminiStreamTranslator implements StreamTranslator {
    private final Deployment deployment;
    private boolean started;
    private int nextCallIndex;
    private JsonNode lastUsage;

    public GeminiStreamTranslator(Deployment deployment) {
        this.deployment = deployment;
    }

    @Override
    public boolean onEvent(SseEvent event, List<ChatChunk> out) {
        String data = event.data();
        if (data == null || data.isBlank()) return false;
        JsonNode chunk = GeminiResponses.readObject(deployment, data.getBytes(StandardCharsets.UTF_8));
        if (chunk.path("error").isObject()) throw GeminiErrors.fromErrorObject(deployment, chunk.get("error"));
        if (chunk.path("usageMetadata").isObject()) lastUsage = chunk.get("usageMetadata");

        GeminiCandidate candidate = GeminiCandidate.first(chunk, nextCallIndex);
        if (candidate == null) {
            var blocked = GeminiResponses.blocked(deployment, chunk);
            if (blocked != null) throw blocked;
            return false; // e.g. a usage-only chunk
        }
        if (!started) {
            started = true;
            out.add(ChatChunk.role(Role.ASSISTANT));
        }
        if (!candidate.text().isEmpty()) out.add(ChatChunk.text(candidate.text()));
        if (!candidate.toolCalls().isEmpty()) {
            List<ToolCallDelta> deltas = new ArrayList<>(candidate.toolCalls().size());
            for (ToolCall call : candidate.toolCalls()) {
                deltas.add(new ToolCallDelta(nextCallIndex++, call.id(), call.name(), call.arguments()));
            }
            out.add(ChatChunk.tools(deltas));
        }
        if (candidate.finishReason() == null) return false;
        out.add(ChatChunk.finish(GeminiResponses.finishReason(candidate.finishReason(), nextCallIndex > 0)));
        if (lastUsage != null) out.add(ChatChunk.usage(GeminiResponses.usage(lastUsage)));
        return true;
    }
}
