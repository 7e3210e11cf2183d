package dev.gearbox.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * What Gemini's first candidate says, read once for both the whole answer and each stream chunk:
 * its visible text (thought parts skipped), its function calls, and its finish reason (null while
 * a stream is still going).
 */
record GeminiCandidate(String text, List<ToolCall> toolCalls, String finishReason) {

    /**
     * Reads {@code candidates[0]} of a GenerateContentResponse, or returns null when there is none.
     * Calls are numbered from {@code firstCallIndex} so a stream's ids keep counting across chunks.
     */
    static GeminiCandidate first(JsonNode response, int firstCallIndex) {
        JsonNode candidates = response.path("candidates");
        if (!candidates.isArray() || candidates.isEmpty()) return null;
        JsonNode candidate = candidates.get(0);
        String responseId = response.path("responseId").isTextual() ? response.get("responseId").asText() : null;
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.path("thought").asBoolean(false)) continue;
            if (part.path("text").isTextual()) text.append(part.get("text").asText());
            JsonNode fc = part.get("functionCall");
            if (fc != null && fc.isObject()) {
                calls.add(toolCall(fc, responseId, firstCallIndex + calls.size()));
            }
        }
        JsonNode reason = candidate.get("finishReason");
        return new GeminiCandidate(text.toString(), List.copyOf(calls), reason != null && reason.isTextual() ? reason.asText() : null);
    }

    private static ToolCall toolCall(JsonNode fc, String responseId, int index) {
        JsonNode args = fc.get("args");
        String arguments = args == null || args.isNull() ? "{}" : args.toString();
        return new ToolCall(callId(fc, responseId, index), fc.path("name").asText(), arguments);
    }

    /**
     * The call's own {@code id} when Gemini sent one. Otherwise a stable id from the response id
     * and the call's position, so ids stay unique across the turns of a conversation (a bare
     * {@code call_0} would repeat every turn, which some providers refuse after a fallback).
     */
    static String callId(JsonNode fc, String responseId, int index) {
        JsonNode id = fc.get("id");
        if (id != null && id.isTextual() && !id.asText().isEmpty()) return id.asText();
        return responseId == null || responseId.isEmpty() ? "call_" + index : "call_" + responseId + "_" + index;
    }
}
