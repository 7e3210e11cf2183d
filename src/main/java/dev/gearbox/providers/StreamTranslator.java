package dev.gearbox.providers;

import dev.gearbox.chat.ChatChunk;
import java.util.List;

/**
 * Turns one provider's SSE events into canonical chunks. Stateful (one instance per stream) because
 * some providers spread one logical event over several (Anthropic's content blocks, tool indexes).
 */
public interface StreamTranslator {
    /**
     * Translates one event, appending any chunks to {@code out}. Returns true when this was the
     * provider's terminal event. Throws {@code GatewayError.UpstreamError} for an error event.
     */
    boolean onEvent(SseEvent event, List<ChatChunk> out);
}
