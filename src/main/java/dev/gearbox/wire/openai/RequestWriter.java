package dev.gearbox.wire.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ContentPart;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.ResponseFormat;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.Tool;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.chat.ToolChoice;
import dev.gearbox.providers.openai.OpenAiQuirks;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/** Canonical {@link ChatRequest} to an upstream chat/completions body, streamed straight into a buffer. */
final class RequestWriter {
    /** Fields this writer emits itself; an {@code extra} entry with one of these names is skipped, not duplicated. */
    private static final Set<String> MODELLED = Set.of("model", "messages", "tools", "tool_choice", "response_format",
            "temperature", "top_p", "max_tokens", "max_completion_tokens", "stop", "seed", "user", "metadata",
            "stream", "stream_options");

    private RequestWriter() {}

    static Buffer write(ChatRequest r, String upstreamModel, OpenAiQuirks quirks) {
        Buffer out = Buffer.buffer(1024);
        try (JsonGenerator g = BufferOutput.generator(out)) {
            g.writeStartObject();
            g.writeStringField("model", upstreamModel);
            g.writeArrayFieldStart("messages");
            for (Message m : r.messages()) message(g, m);
            g.writeEndArray();
            if (!r.tools().isEmpty()) tools(g, r);
            if (r.toolChoice() != null) toolChoice(g, r.toolChoice());
            if (r.responseFormat() != null) responseFormat(g, r.responseFormat());
            if (r.temperature() != null) g.writeNumberField("temperature", r.temperature());
            if (r.topP() != null) g.writeNumberField("top_p", r.topP());
            if (r.maxTokens() != null) g.writeNumberField(quirks.maxTokensField(), r.maxTokens());
            if (!r.stop().isEmpty()) {
                g.writeArrayFieldStart("stop");
                for (String s : r.stop()) g.writeString(s);
                g.writeEndArray();
            }
            if (r.seed() != null) g.writeNumberField("seed", r.seed());
            if (r.user() != null) g.writeStringField("user", r.user());
            if (!r.metadata().isEmpty() && storeRequested(r)) {
                // OpenAI refuses metadata unless store is true; without it the metadata is the gateway's own tagging.
                g.writeObjectFieldStart("metadata");
                for (Map.Entry<String, String> e : r.metadata().entrySet()) g.writeStringField(e.getKey(), e.getValue());
                g.writeEndObject();
            }
            if (r.stream()) {
                g.writeBooleanField("stream", true);
                if (quirks.sendStreamOptions()) {
                    // Always ask for usage, whatever the client asked: the gateway needs it to account cost.
                    g.writeObjectFieldStart("stream_options");
                    g.writeBooleanField("include_usage", true);
                    g.writeEndObject();
                }
            }
            if (r.extra() != null) {
                for (Map.Entry<String, JsonNode> e : r.extra().properties()) {
                    if (MODELLED.contains(e.getKey())) continue;
                    g.writeFieldName(e.getKey());
                    g.writeTree(e.getValue());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static boolean storeRequested(ChatRequest r) {
        return r.extra() != null && r.extra().path("store").asBoolean(false);
    }

    private static void message(JsonGenerator g, Message m) throws IOException {
        g.writeStartObject();
        boolean legacyFunction = m.role() == Role.TOOL && m.toolCallId() == null && m.name() != null;
        g.writeStringField("role", legacyFunction ? "function" : m.role().wire());
        g.writeFieldName("content");
        content(g, m);
        if (m.name() != null) g.writeStringField("name", m.name());
        if (!m.toolCalls().isEmpty()) toolCalls(g, m);
        if (m.toolCallId() != null) g.writeStringField("tool_call_id", m.toolCallId());
        g.writeEndObject();
    }

    private static void content(JsonGenerator g, Message m) throws IOException {
        var parts = m.content();
        if (parts.isEmpty()) {
            // An assistant turn that only calls tools has null content (what the SDKs send back); others get "".
            if (m.role() == Role.ASSISTANT && !m.toolCalls().isEmpty()) g.writeNull();
            else g.writeString("");
            return;
        }
        if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text t) {
            g.writeString(t.text());
            return;
        }
        g.writeStartArray();
        for (ContentPart p : parts) {
            g.writeStartObject();
            switch (p) {
                case ContentPart.Text t -> {
                    g.writeStringField("type", "text");
                    g.writeStringField("text", t.text());
                }
                case ContentPart.Image img -> {
                    g.writeStringField("type", "image_url");
                    g.writeObjectFieldStart("image_url");
                    g.writeStringField("url", img.url());
                    if (img.detail() != null) g.writeStringField("detail", img.detail());
                    g.writeEndObject();
                }
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void toolCalls(JsonGenerator g, Message m) throws IOException {
        boolean opened = false;
        ToolCall legacy = null;
        for (ToolCall c : m.toolCalls()) {
            if (c.id() == null) {
                legacy = c;
                continue;
            }
            if (!opened) {
                g.writeArrayFieldStart("tool_calls");
                opened = true;
            }
            g.writeStartObject();
            g.writeStringField("id", c.id());
            g.writeStringField("type", "function");
            g.writeObjectFieldStart("function");
            g.writeStringField("name", c.name());
            g.writeStringField("arguments", c.arguments() == null ? "" : c.arguments());
            g.writeEndObject();
            g.writeEndObject();
        }
        if (opened) g.writeEndArray();
        if (legacy != null) {
            g.writeObjectFieldStart("function_call");
            g.writeStringField("name", legacy.name());
            g.writeStringField("arguments", legacy.arguments() == null ? "" : legacy.arguments());
            g.writeEndObject();
        }
    }

    private static void tools(JsonGenerator g, ChatRequest r) throws IOException {
        g.writeArrayFieldStart("tools");
        for (Tool t : r.tools()) {
            g.writeStartObject();
            g.writeStringField("type", "function");
            g.writeObjectFieldStart("function");
            g.writeStringField("name", t.name());
            if (t.description() != null) g.writeStringField("description", t.description());
            if (t.parameters() != null) {
                g.writeFieldName("parameters");
                g.writeTree(t.parameters());
            }
            if (t.strict() != null) g.writeBooleanField("strict", t.strict());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void toolChoice(JsonGenerator g, ToolChoice c) throws IOException {
        switch (c.mode()) {
            case AUTO -> g.writeStringField("tool_choice", "auto");
            case NONE -> g.writeStringField("tool_choice", "none");
            case REQUIRED -> g.writeStringField("tool_choice", "required");
            case NAMED -> {
                g.writeObjectFieldStart("tool_choice");
                g.writeStringField("type", "function");
                g.writeObjectFieldStart("function");
                g.writeStringField("name", c.name());
                g.writeEndObject();
                g.writeEndObject();
            }
        }
    }

    private static void responseFormat(JsonGenerator g, ResponseFormat f) throws IOException {
        g.writeObjectFieldStart("response_format");
        switch (f.type()) {
            case TEXT -> g.writeStringField("type", "text");
            case JSON_OBJECT -> g.writeStringField("type", "json_object");
            case JSON_SCHEMA -> {
                g.writeStringField("type", "json_schema");
                g.writeObjectFieldStart("json_schema");
                g.writeStringField("name", f.schemaName() == null ? "response" : f.schemaName());
                if (f.schema() != null) {
                    g.writeFieldName("schema");
                    g.writeTree(f.schema());
                }
                if (f.strict() != null) g.writeBooleanField("strict", f.strict());
                g.writeEndObject();
            }
        }
        g.writeEndObject();
    }
}
