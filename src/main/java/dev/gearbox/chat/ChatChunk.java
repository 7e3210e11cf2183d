package dev.gearbox.chat;

import java.util.List;

/**
 * One streamed event in canonical form: a text delta, tool-call deltas, a finish reason, or the
 * final usage. Any field may be absent. Ingress turns chunks into the client's wire format.
 */
public record ChatChunk(int choice, Role role, String text, List<ToolCallDelta> toolCalls, FinishReason finishReason, Usage usage) {
    public ChatChunk {
        toolCalls = toolCalls == null ? List.of() : toolCalls;
    }

    public static ChatChunk role(Role role) {
        return new ChatChunk(0, role, null, null, null, null);
    }

    public static ChatChunk text(String text) {
        return new ChatChunk(0, null, text, null, null, null);
    }

    public static ChatChunk tools(List<ToolCallDelta> deltas) {
        return new ChatChunk(0, null, null, deltas, null, null);
    }

    public static ChatChunk finish(FinishReason reason) {
        return new ChatChunk(0, null, null, null, reason, null);
    }

    public static ChatChunk usage(Usage usage) {
        return new ChatChunk(0, null, null, null, null, usage);
    }
}
