package dev.gearbox.wire.anthropic;

import dev.gearbox.chat.FinishReason;

/**
 * Anthropic's {@code stop_reason} values in canonical terms. {@code pause_turn} (a server tool
 * paused a long turn) is a normal stop for the client: it may send the turn back to continue.
 */
public final class AnthropicStopReasons {
    private AnthropicStopReasons() {}

    /** The canonical reason for an Anthropic {@code stop_reason}; null stays null, unknown values are STOP. */
    public static FinishReason decode(String stopReason) {
        if (stopReason == null) return null;
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP; // end_turn, stop_sequence, pause_turn, and reasons added later
        };
    }
}
