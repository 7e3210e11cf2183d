package dev.gearbox.providers.simulated;

import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.ToolCallDelta;
import dev.gearbox.chat.Usage;
import dev.gearbox.error.GatewayError;
import dev.gearbox.providers.ChunkSink;
import io.vertx.core.Context;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A sink that records everything a stream delivers, and whether each callback ran on an event loop. */
public final class RecordingSink implements ChunkSink {
    public final List<ChatChunk> chunks = new CopyOnWriteArrayList<>();
    public final List<GatewayError> errors = new CopyOnWriteArrayList<>();
    public final AtomicInteger ends = new AtomicInteger();
    /** Callbacks after onEnd/onError: a stream must never make them. */
    public final AtomicInteger lateCallbacks = new AtomicInteger();
    public final AtomicBoolean offEventLoop = new AtomicBoolean();
    private final Consumer<RecordingSink> onEach;

    public RecordingSink() {
        this(s -> {});
    }

    /** {@code onEach} runs after each chunk is recorded, on the stream's context (to pause or cancel from inside). */
    public RecordingSink(Consumer<RecordingSink> onEach) {
        this.onEach = onEach;
    }

    @Override
    public void onChunk(ChatChunk chunk) {
        check();
        chunks.add(chunk);
        onEach.accept(this);
    }

    @Override
    public void onEnd() {
        check();
        ends.incrementAndGet();
    }

    @Override
    public void onError(GatewayError error) {
        check();
        errors.add(error);
    }

    public boolean terminated() {
        return ends.get() + errors.size() > 0;
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        for (ChatChunk c : chunks) if (c.text() != null) sb.append(c.text());
        return sb.toString();
    }

    public String toolArguments() {
        StringBuilder sb = new StringBuilder();
        for (ChatChunk c : chunks) for (ToolCallDelta d : c.toolCalls()) if (d.argumentsDelta() != null) sb.append(d.argumentsDelta());
        return sb.toString();
    }

    public FinishReason finishReason() {
        for (ChatChunk c : chunks) if (c.finishReason() != null) return c.finishReason();
        return null;
    }

    public Usage usage() {
        for (ChatChunk c : chunks) if (c.usage() != null) return c.usage();
        return null;
    }

    private void check() {
        if (!Context.isOnEventLoopThread()) offEventLoop.set(true);
        if (terminated()) lateCallbacks.incrementAndGet();
    }
}
