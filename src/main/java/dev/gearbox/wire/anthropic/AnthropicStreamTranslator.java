package dev.gearbox.wire.anthropic;

import static dev.gearbox.chat.Json.MAPPER;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.ToolCallDelta;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import dev.gearbox.providers.SseEvent;
import dev.gearbox.providers.StreamTranslator;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Anthropic's streamed events as canonical chunks, one instance per stream.
 *
 * <p>{@code message_start} gives the role and the input usage; text and {@code tool_use} content
 * blocks stream as text and tool-call deltas; {@code message_delta} gives the stop reason and the
 * cumulative output usage; {@code message_stop} ends the stream with one usage chunk. A tool
 * delta's index is the tool's ordinal among the message's {@code tool_use} blocks (what OpenAI
 * clients expect), not Anthropic's block index, which also counts text and thinking blocks.
 * Thinking deltas, {@code ping} and event types Anthropic may add later are ignored; an
 * {@code error} event is thrown as an {@link GatewayError.UpstreamError}.
 */
public final class AnthropicStreamTranslator implements StreamTranslator {
    private final String provider;
    private final String deployment;
    /** Anthropic block index to tool ordinal, for the tool_use blocks seen so far. */
    private final Map<Integer, Integer> toolByBlock = new HashMap<>();
    private AnthropicUsage usage = AnthropicUsage.ZERO;

    /** {@code provider} and {@code deployment} name the upstream in errors this stream raises. */
    public AnthropicStreamTranslator(String provider, String deployment) {
        this.provider = provider;
        this.deployment = deployment;
    }

    @Override
    public boolean onEvent(SseEvent event, List<ChatChunk> out) {
        JsonNode data = parse(event.data());
        String type = data.path("type").asText(event.event() == null ? "" : event.event());
        switch (type) {
            case "message_start" -> {
                usage = usage.merge(data.path("message").get("usage"));
                out.add(ChatChunk.role(Role.ASSISTANT));
            }
            case "content_block_start" -> blockStart(data.path("index").asInt(), data.path("content_block"), out);
            case "content_block_delta" -> blockDelta(data.path("index").asInt(), data.path("delta"), out);
            case "message_delta" -> {
                JsonNode stop = data.path("delta").get("stop_reason");
                if (stop != null && stop.isTextual()) out.add(ChatChunk.finish(AnthropicStopReasons.decode(stop.asText())));
                usage = usage.merge(data.get("usage"));
            }
            case "message_stop" -> {
                out.add(ChatChunk.usage(usage.toCanonical()));
                return true;
            }
            case "error" -> throw AnthropicErrors.decodeStreamError(provider, deployment, data.get("error"));
            default -> { } // ping, content_block_stop, and event types added later
        }
        return false;
    }

    private void blockStart(int index, JsonNode block, List<ChatChunk> out) {
        switch (block.path("type").asText()) {
            case "text" -> {
                String text = block.path("text").asText("");
                if (!text.isEmpty()) out.add(ChatChunk.text(text));
            }
            case "tool_use" -> {
                int ordinal = toolByBlock.size();
                toolByBlock.put(index, ordinal);
                out.add(ChatChunk.tools(List.of(new ToolCallDelta(ordinal, block.path("id").asText(),
                        block.path("name").asText(), initialArguments(block.get("input"))))));
            }
            default -> { } // thinking and server tool blocks
        }
    }

    private void blockDelta(int index, JsonNode delta, List<ChatChunk> out) {
        switch (delta.path("type").asText()) {
            case "text_delta" -> {
                String text = delta.path("text").asText("");
                if (!text.isEmpty()) out.add(ChatChunk.text(text));
            }
            case "input_json_delta" -> {
                Integer ordinal = toolByBlock.get(index);
                String fragment = delta.path("partial_json").asText("");
                if (ordinal != null && !fragment.isEmpty()) {
                    out.add(ChatChunk.tools(List.of(new ToolCallDelta(ordinal, null, null, fragment))));
                }
            }
            default -> { } // thinking_delta, signature_delta, citations_delta
        }
    }

    /** Anthropic starts a streamed tool_use with {@code input: {}} and sends the JSON in deltas. */
    private static String initialArguments(JsonNode input) {
        return input == null || input.isNull() || input.isEmpty() ? "" : AnthropicResponses.inputJson(input);
    }

    private JsonNode parse(String data) {
        try {
            JsonNode node = MAPPER.readTree(data);
            if (node != null && node.isObject()) return node;
        } catch (IOException notJson) {
            // reported below
        }
        throw new GatewayError.UpstreamError(provider, deployment, 0, ErrorClass.SERVER_ERROR,
                "Upstream " + provider + " sent a stream event that is not a JSON object.", null, null);
    }
}
