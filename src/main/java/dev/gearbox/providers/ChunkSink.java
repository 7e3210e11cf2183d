package dev.gearbox.providers;

import dev.gearbox.chat.ChatChunk;
import dev.gearbox.error.GatewayError;

/** Receives a stream's canonical chunks, then exactly one of {@code onEnd} or {@code onError}. */
public interface ChunkSink {
    void onChunk(ChatChunk chunk);

    void onEnd();

    void onError(GatewayError error);
}
