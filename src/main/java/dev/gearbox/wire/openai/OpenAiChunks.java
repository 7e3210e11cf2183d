package dev.gearbox.wire.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.ToolCallDelta;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Canonical {@link ChatChunk}s as {@code chat.completion.chunk} objects for the gateway's OpenAI
 * ingress. One call writes one JSON object; the caller adds the {@code data: } framing and the
 * final {@code data: [DONE]}.
 */
public final class OpenAiChunks {
    private OpenAiChunks() {}

    /**
     * Writes one chunk. A chunk with only usage becomes {@code "choices": [], "usage": {...}}, the
     * shape OpenAI sends (and its SDKs expect) for {@code stream_options.include_usage}. A tool-call
     * delta carries {@code id}, {@code type} and {@code function.name} only when it starts a call.
     */
    public static Buffer write(ChatChunk chunk, String id, String model, long created) {
        Buffer out = Buffer.buffer(256);
        try (JsonGenerator g = BufferOutput.generator(out)) {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("object", "chat.completion.chunk");
            g.writeNumberField("created", created);
            g.writeStringField("model", model);
            g.writeArrayFieldStart("choices");
            if (hasChoice(chunk)) choice(g, chunk);
            g.writeEndArray();
            if (chunk.usage() != null) OpenAiUsage.write(g, chunk.usage());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static boolean hasChoice(ChatChunk c) {
        return c.role() != null || c.text() != null || !c.toolCalls().isEmpty() || c.finishReason() != null
                || c.usage() == null;
    }

    private static void choice(JsonGenerator g, ChatChunk c) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", c.choice());
        g.writeObjectFieldStart("delta");
        if (c.role() != null) g.writeStringField("role", c.role().wire());
        if (c.text() != null) g.writeStringField("content", c.text());
        else if (c.role() != null && c.toolCalls().isEmpty()) g.writeStringField("content", "");
        if (!c.toolCalls().isEmpty()) {
            g.writeArrayFieldStart("tool_calls");
            for (ToolCallDelta d : c.toolCalls()) {
                g.writeStartObject();
                g.writeNumberField("index", d.index());
                if (d.id() != null) {
                    g.writeStringField("id", d.id());
                    g.writeStringField("type", "function");
                }
                g.writeObjectFieldStart("function");
                if (d.name() != null) g.writeStringField("name", d.name());
                g.writeStringField("arguments", d.argumentsDelta() == null ? "" : d.argumentsDelta());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeNullField("logprobs");
        if (c.finishReason() != null) g.writeStringField("finish_reason", c.finishReason().wire());
        else g.writeNullField("finish_reason");
        g.writeEndObject();
    }
}
