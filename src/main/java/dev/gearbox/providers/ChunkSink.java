package dev.gearbox.providers;

import dev.gearbox.chat.ChatChunk;
import dev.gearbox.error.GatewayError;

/** Receives a stream's canonical chunks, then exactly one of {@code onEnd} or {@code onError}. */
public interface ChunkSink {
    void onChunk(ChatChunk chunk);

    /**
     * Several chunks that are ready at once, in order (a stream's chunks that arrived before this sink
     * was attached): a sink that writes to a socket may send them in one write rather than one each.
     */
    default void onChunks(java.util.List<ChatChunk> chunks) {
        for (ChatChunk c : chunks) onChunk(c);
    }

    void onEnd();

    void onError(GatewayError error);
}
