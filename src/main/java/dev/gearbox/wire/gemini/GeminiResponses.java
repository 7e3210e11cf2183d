package dev.gearbox.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.Choice;
import dev.gearbox.chat.ContentPart;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Json;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.Usage;
import dev.gearbox.config.Deployment;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import java.util.List;
import java.util.UUID;

/**
 * Reads a {@code GenerateContentResponse} into canonical form: the first candidate's visible text
 * and function calls, its finish reason, and the usage. Also the finish-reason and usage mappings
 * the stream translator shares.
 */
public final class GeminiResponses {
    private GeminiResponses() {}

    /** Parses a 2xx body; throws {@code UpstreamError} for a blocked prompt, an error object, or garbage. */
    public static ChatResponse parse(Deployment d, byte[] body) {
        JsonNode root = readObject(d, body);
        if (root.path("error").isObject()) throw GeminiErrors.fromErrorObject(d, root.get("error"));
        GeminiCandidate candidate = GeminiCandidate.first(root, 0);
        if (candidate == null) {
            GatewayError.UpstreamError blocked = blocked(d, root);
            throw blocked != null ? blocked : garbage(d);
        }
        List<ContentPart> content = candidate.text().isEmpty() ? List.of() : List.of(new ContentPart.Text(candidate.text()));
        Message message = new Message(Role.ASSISTANT, content, null, candidate.toolCalls(), null);
        FinishReason finish = finishReason(candidate.finishReason(), !candidate.toolCalls().isEmpty());
        String id = root.path("responseId").isTextual() ? root.get("responseId").asText() : "gemini-" + UUID.randomUUID();
        String model = root.path("modelVersion").isTextual() ? root.get("modelVersion").asText() : d.upstreamModel();
        return new ChatResponse(id, model, List.of(new Choice(0, message, finish)), usage(root.get("usageMetadata")));
    }

    /**
     * STOP (or none) -> STOP, or TOOL_CALLS when the answer calls functions; MAX_TOKENS -> LENGTH;
     * SAFETY, RECITATION, BLOCKLIST, PROHIBITED_CONTENT, SPII and the IMAGE_ variants of the
     * safety reasons -> CONTENT_FILTER; any other reason (OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL,
     * ...) -> STOP, or TOOL_CALLS when there are calls to run.
     */
    public static FinishReason finishReason(String wire, boolean hasToolCalls) {
        if (wire != null) {
            switch (wire) {
                case "MAX_TOKENS" -> { return FinishReason.LENGTH; }
                case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII",
                     "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT" -> { return FinishReason.CONTENT_FILTER; }
                default -> { /* STOP and the rest */ }
            }
        }
        return hasToolCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP;
    }

    /**
     * Usage from {@code usageMetadata}: input is {@code promptTokenCount} (which already includes
     * {@code cachedContentTokenCount}); output is {@code candidatesTokenCount} plus
     * {@code thoughtsTokenCount}, since canonical output includes reasoning. Null metadata is zero.
     */
    public static Usage usage(JsonNode meta) {
        if (meta == null || !meta.isObject()) return Usage.ZERO;
        int prompt = meta.path("promptTokenCount").asInt(0);
        int cached = meta.path("cachedContentTokenCount").asInt(0);
        int candidates = meta.path("candidatesTokenCount").asInt(0);
        int thoughts = meta.path("thoughtsTokenCount").asInt(0);
        return new Usage(prompt, candidates + thoughts, cached, 0, thoughts);
    }

    /** A prompt refused before any candidate ({@code promptFeedback.blockReason}), or null. */
    static GatewayError.UpstreamError blocked(Deployment d, JsonNode root) {
        JsonNode reason = root.path("promptFeedback").get("blockReason");
        if (reason == null || !reason.isTextual()) return null;
        return new GatewayError.UpstreamError(d.provider().name(), d.id(), 200, ErrorClass.CONTENT_POLICY,
                "Gemini blocked the prompt (blockReason " + reason.asText() + ").", null, null);
    }

    static GatewayError.UpstreamError garbage(Deployment d) {
        return new GatewayError.UpstreamError(d.provider().name(), d.id(), 200, ErrorClass.SERVER_ERROR,
                "Gemini answered with a body that is not a GenerateContentResponse (garbage body).", null, null);
    }

    /** Parses a JSON object, unwrapping a one-element array; anything else is garbage. */
    static JsonNode readObject(Deployment d, byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : Json.MAPPER.readTree(body);
        } catch (Exception notJson) {
            throw garbage(d);
        }
        if (root != null && root.isArray() && root.size() == 1) root = root.get(0);
        if (root == null || !root.isObject()) throw garbage(d);
        return root;
    }
}
