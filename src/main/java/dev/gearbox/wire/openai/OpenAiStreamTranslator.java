package dev.gearbox.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Json;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.ToolCallDelta;
import dev.gearbox.chat.Usage;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError.UpstreamError;
import dev.gearbox.providers.SseEvent;
import dev.gearbox.providers.StreamTranslator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an OpenAI-compatible SSE stream into canonical chunks: role, text deltas, tool-call deltas,
 * finish reasons, and one usage chunk. {@code data: [DONE]} is terminal; an {@code error} object (or
 * an {@code event: error}) in the stream is thrown as an {@link UpstreamError}. One instance per stream.
 *
 * <p>Usage is held back and emitted once, just before the terminal event: vLLM's continuous usage
 * stats and Groq's {@code x_groq.usage} repeat or move it, and the canonical stream carries the
 * final usage exactly once.
 */
public final class OpenAiStreamTranslator implements StreamTranslator {
    private static final String DONE = "[DONE]";

    private final String provider;
    private final String deployment;
    /** Tool calls already started (choice * 1000 + index); later deltas that repeat id or name are trimmed. */
    private final List<Integer> startedCalls = new ArrayList<>(2);
    private Usage usage;

    public OpenAiStreamTranslator(String provider, String deployment) {
        this.provider = provider;
        this.deployment = deployment;
    }

    public OpenAiStreamTranslator() {
        this("upstream", null);
    }

    @Override
    public boolean onEvent(SseEvent event, List<ChatChunk> out) {
        String data = event.data();
        if (data.isEmpty()) return false;
        if (data.equals(DONE)) {
            if (usage != null) out.add(ChatChunk.usage(usage));
            usage = null;
            return true;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(data);
        } catch (IOException e) {
            throw new UpstreamError(provider, deployment, 0, ErrorClass.SERVER_ERROR,
                    provider + ": a stream event is not JSON.", null, null);
        }
        if (root == null || !root.isObject()) {
            throw new UpstreamError(provider, deployment, 0, ErrorClass.SERVER_ERROR,
                    provider + ": a stream event is not a JSON object.", null, null);
        }
        if (root.has("error") || "error".equals(event.event())) {
            throw OpenAiErrors.fromJson(provider, deployment, 0, null, root);
        }
        for (JsonNode choice : root.path("choices")) choice(choice, out);
        Usage u = OpenAiUsage.parse(root.get("usage"));
        if (u == null) u = OpenAiUsage.parse(root.path("x_groq").get("usage"));
        if (u != null) usage = u;
        return false;
    }

    private void choice(JsonNode c, List<ChatChunk> out) {
        int index = c.path("index").asInt(0);
        JsonNode delta = c.path("delta");
        Role role = Role.fromWire(delta.path("role").textValue());
        String text = delta.path("content").textValue();
        if (text != null && text.isEmpty()) text = null;
        if (text == null && delta.path("refusal").isTextual() && !delta.get("refusal").textValue().isEmpty()) {
            text = delta.get("refusal").textValue();
        }
        List<ToolCallDelta> calls = null;
        JsonNode toolCalls = delta.get("tool_calls");
        if (toolCalls != null && toolCalls.isArray() && !toolCalls.isEmpty()) {
            calls = new ArrayList<>(toolCalls.size());
            for (int i = 0; i < toolCalls.size(); i++) calls.add(toolCall(index, toolCalls.get(i), i));
        }
        FinishReason finish = FinishReason.fromOpenAi(c.path("finish_reason").textValue());
        if (role == null && text == null && calls == null && finish == null) return;
        out.add(new ChatChunk(index, role, text, calls, finish, null));
    }

    private ToolCallDelta toolCall(int choice, JsonNode tc, int position) {
        // Some servers (Gemini's compatible endpoint) omit the index; the position in the array stands in.
        int index = tc.path("index").asInt(position);
        String id = tc.path("id").textValue();
        JsonNode fn = tc.path("function");
        String name = fn.path("name").textValue();
        JsonNode args = fn.get("arguments");
        String arguments = args == null || args.isNull() ? null : args.isTextual() ? args.textValue() : args.toString();
        Integer key = choice * 1_000 + index;
        if (startedCalls.contains(key)) {
            // Already started: servers that repeat id/name on every delta would otherwise look like new calls.
            id = null;
            name = null;
        } else if (id != null || name != null) {
            startedCalls.add(key);
        }
        return new ToolCallDelta(index, id, name, arguments);
    }
}
