package dev.gearbox.wire.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.Choice;
import dev.gearbox.chat.ContentPart;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Json;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.chat.Usage;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError.UpstreamError;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A non-streamed {@code chat.completion} object to and from the canonical {@link ChatResponse}:
 * parsed from OpenAI-compatible upstreams, written for clients of the gateway's OpenAI ingress.
 */
public final class OpenAiResponses {
    private OpenAiResponses() {}

    /** As {@link #parse(Buffer, String, String)} for an unnamed upstream. */
    public static ChatResponse parse(Buffer body) {
        return parse(body, "upstream", null);
    }

    /**
     * Reads a chat completion. A refusal with no content becomes the message text, and the
     * deprecated {@code function_call} becomes a tool call without id.
     *
     * @throws UpstreamError class SERVER_ERROR when the body is not a chat completion, or the
     *     classified error when a compatible server put an {@code error} object in a 200 body
     */
    public static ChatResponse parse(Buffer body, String provider, String deployment) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body.getBytes());
        } catch (IOException e) {
            throw notACompletion(provider, deployment, "is not JSON");
        }
        if (root == null || !root.isObject()) throw notACompletion(provider, deployment, "is not a JSON object");
        JsonNode choices = root.get("choices");
        if (choices == null || !choices.isArray()) {
            if (root.has("error")) throw OpenAiErrors.fromJson(provider, deployment, 0, null, root);
            throw notACompletion(provider, deployment, "has no choices array");
        }
        List<Choice> out = new ArrayList<>(choices.size());
        for (int i = 0; i < choices.size(); i++) {
            JsonNode c = choices.get(i);
            JsonNode m = c.get("message");
            if (m == null || !m.isObject()) throw notACompletion(provider, deployment, "has a choice without a message");
            out.add(new Choice(c.path("index").asInt(i), message(m), FinishReason.fromOpenAi(c.path("finish_reason").textValue())));
        }
        Usage usage = OpenAiUsage.parse(root.get("usage"));
        return new ChatResponse(root.path("id").textValue(), root.path("model").textValue(), out, usage);
    }

    private static Message message(JsonNode m) {
        Role role = Role.fromWire(m.path("role").textValue());
        List<ContentPart> content = new ArrayList<>(1);
        JsonNode c = m.get("content");
        if (c != null && c.isTextual()) {
            content.add(new ContentPart.Text(c.textValue()));
        } else if (c != null && c.isArray()) {
            // Some compatible servers answer with parts; keep the text ones (others are reasoning traces etc.).
            for (JsonNode p : c) {
                if ("text".equals(p.path("type").textValue()) && p.path("text").isTextual()) {
                    content.add(new ContentPart.Text(p.get("text").textValue()));
                }
            }
        }
        if (content.isEmpty() && m.path("refusal").isTextual()) content.add(new ContentPart.Text(m.get("refusal").textValue()));
        List<ToolCall> calls = new ArrayList<>(0);
        for (JsonNode tc : m.path("tool_calls")) {
            JsonNode fn = tc.path("function");
            calls.add(new ToolCall(tc.path("id").textValue(), fn.path("name").textValue(), arguments(fn.get("arguments"))));
        }
        JsonNode legacy = m.get("function_call");
        if (legacy != null && legacy.isObject()) {
            calls.add(new ToolCall(null, legacy.path("name").textValue(), arguments(legacy.get("arguments"))));
        }
        return new Message(role == null ? Role.ASSISTANT : role, content, null, calls, null);
    }

    /** Arguments are JSON text; a server that sends an object instead gets it serialised. */
    private static String arguments(JsonNode a) {
        if (a == null || a.isNull()) return "";
        return a.isTextual() ? a.textValue() : a.toString();
    }

    private static UpstreamError notACompletion(String provider, String deployment, String what) {
        return new UpstreamError(provider, deployment, 200, ErrorClass.SERVER_ERROR,
                provider + ": the response body " + what + "; expected a chat.completion object.", null, null);
    }

    /**
     * Writes a spec-exact {@code chat.completion}: each choice has {@code message} (role, content,
     * refusal, tool_calls), {@code logprobs} and {@code finish_reason}; content is null when a message
     * only calls tools; usage carries the cached and reasoning token details.
     */
    public static Buffer write(ChatResponse response, String id, String model, long createdEpochSeconds) {
        Buffer out = Buffer.buffer(512);
        try (JsonGenerator g = BufferOutput.generator(out)) {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("object", "chat.completion");
            g.writeNumberField("created", createdEpochSeconds);
            g.writeStringField("model", model);
            g.writeArrayFieldStart("choices");
            for (Choice c : response.choices()) choice(g, c);
            g.writeEndArray();
            OpenAiUsage.write(g, response.usage());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void choice(JsonGenerator g, Choice c) throws IOException {
        Message m = c.message();
        g.writeStartObject();
        g.writeNumberField("index", c.index());
        g.writeObjectFieldStart("message");
        g.writeStringField("role", m.role() == null ? "assistant" : m.role().wire());
        boolean hasCalls = !m.toolCalls().isEmpty();
        if (m.content().isEmpty() && hasCalls) g.writeNullField("content");
        else g.writeStringField("content", m.text());
        g.writeNullField("refusal");
        ToolCall legacy = null;
        if (hasCalls) {
            boolean opened = false;
            for (ToolCall call : m.toolCalls()) {
                if (call.id() == null) {
                    legacy = call;
                    continue;
                }
                if (!opened) {
                    g.writeArrayFieldStart("tool_calls");
                    opened = true;
                }
                g.writeStartObject();
                g.writeStringField("id", call.id());
                g.writeStringField("type", "function");
                g.writeObjectFieldStart("function");
                g.writeStringField("name", call.name());
                g.writeStringField("arguments", call.arguments() == null ? "" : call.arguments());
                g.writeEndObject();
                g.writeEndObject();
            }
            if (opened) g.writeEndArray();
        }
        if (legacy != null) {
            g.writeObjectFieldStart("function_call");
            g.writeStringField("name", legacy.name());
            g.writeStringField("arguments", legacy.arguments() == null ? "" : legacy.arguments());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeNullField("logprobs");
        FinishReason reason = c.finishReason() != null ? c.finishReason() : hasCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP;
        g.writeStringField("finish_reason", legacy != null && reason == FinishReason.TOOL_CALLS ? "function_call" : reason.wire());
        g.writeEndObject();
    }
}
