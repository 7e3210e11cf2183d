package dev.gearbox.chat;

/** Why generation stopped, in canonical terms; each adapter maps its provider's reasons onto these. */
public enum FinishReason {
    STOP, LENGTH, TOOL_CALLS, CONTENT_FILTER;

    /** The OpenAI wire name. */
    public String wire() {
        return switch (this) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case TOOL_CALLS -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
        };
    }

    public static FinishReason fromOpenAi(String s) {
        if (s == null) return null;
        return switch (s) {
            case "length" -> LENGTH;
            case "tool_calls", "function_call" -> TOOL_CALLS;
            case "content_filter" -> CONTENT_FILTER;
            default -> STOP;
        };
    }
}
