package dev.gearbox.providers.simulated;

import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.TokenCounter;
import dev.gearbox.chat.ToolCallDelta;
import dev.gearbox.error.GatewayError;
import dev.gearbox.providers.ChunkSink;
import dev.gearbox.providers.ChunkStream;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Delivers a prepared list of chunks at the pace of a model that emits tokens at a fixed rate, so
 * providers with no network (simulated, replay) stream with realistic timing. The first batch
 * arrives after the time-to-first-token; each later batch after its tokens' share of time. At high
 * rates several chunks share one timer tick ({@link #MIN_TICK_MS}), so a fast model needs few timers.
 * All callbacks run on the Vert.x context that created the stream.
 */
public final class TimedChunkStream implements ChunkStream {
    /** The shortest wait between timer ticks; faster rates put more tokens in each tick. */
    public static final long MIN_TICK_MS = 10;

    /**
     * How fast the fake model speaks: the wait before the first chunk and the rate of the rest.
     * {@code tokensPerSecond} may be infinite (everything after the first token at once).
     */
    public record Pacing(long ttftMs, double tokensPerSecond) {
        public Pacing {
            if (ttftMs < 0) throw new IllegalArgumentException("ttftMs must be >= 0, was " + ttftMs);
            if (!(tokensPerSecond > 0)) throw new IllegalArgumentException("tokensPerSecond must be > 0, was " + tokensPerSecond);
        }

        /** Tokens one tick delivers at this rate; at least one. */
        int tokensPerTick() {
            double n = Math.ceil(tokensPerSecond * MIN_TICK_MS / 1000.0);
            return n >= Integer.MAX_VALUE ? Integer.MAX_VALUE : Math.max(1, (int) n);
        }

        /** Milliseconds (fractional) a model at this rate takes to emit {@code tokens}. */
        public double millisFor(long tokens) {
            return tokens * 1000.0 / tokensPerSecond;
        }
    }

    /** A simulated connection drop: after {@code afterChunks} chunks, {@code error} instead of the rest. */
    public record Drop(int afterChunks, GatewayError error) {
        public Drop {
            if (afterChunks < 0) throw new IllegalArgumentException("afterChunks must be >= 0, was " + afterChunks);
            if (error == null) throw new IllegalArgumentException("a drop needs an error");
        }
    }

    private final Vertx vertx;
    private final Context context;
    private final List<ChatChunk> chunks;
    private final int[] weights;
    private final Pacing pacing;
    private final GatewayError dropError;
    private final int dropAt;

    private ChunkSink sink;
    private int next;
    private int batchEnd;
    private long pendingDelayMs;
    private double carryMs;
    private long timerId = -1;
    private boolean paused;
    private boolean delivering;
    private boolean finished;
    /** Volatile so a cancel from another thread stops delivery at the next chunk. */
    private volatile boolean cancelled;

    public TimedChunkStream(Vertx vertx, List<ChatChunk> chunks, Pacing pacing) {
        this(vertx, chunks, pacing, null);
    }

    /** A stream bound to the caller's context; {@code drop} may be null for a clean end. */
    public TimedChunkStream(Vertx vertx, List<ChatChunk> chunks, Pacing pacing, Drop drop) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.chunks = List.copyOf(chunks);
        this.pacing = pacing;
        this.dropError = drop == null ? null : drop.error();
        this.dropAt = drop == null ? Integer.MAX_VALUE : Math.min(drop.afterChunks(), this.chunks.size());
        this.weights = new int[this.chunks.size()];
        for (int i = 0; i < weights.length; i++) weights[i] = tokensOf(this.chunks.get(i));
    }

    /** The tokens a chunk stands for; role, finish and usage chunks take no time. */
    static int tokensOf(ChatChunk chunk) {
        int n = TokenCounter.count(chunk.text());
        for (ToolCallDelta d : chunk.toolCalls()) n += TokenCounter.count(d.name()) + TokenCounter.count(d.argumentsDelta());
        return n;
    }

    @Override
    public void start(ChunkSink sink) {
        if (sink == null) throw new IllegalArgumentException("sink must not be null");
        onContext(() -> {
            if (this.sink != null) throw new IllegalStateException("stream already started");
            this.sink = sink;
            if (cancelled) return;
            batchEnd = batchEndFrom(0);
            pendingDelayMs = pacing.ttftMs();
            arm();
        });
    }

    @Override
    public void pause() {
        onContext(() -> {
            paused = true;
            disarm();
        });
    }

    @Override
    public void resume() {
        onContext(() -> {
            if (!paused) return;
            paused = false;
            arm();
        });
    }

    @Override
    public void cancel() {
        cancelled = true;
        onContext(() -> {
            finished = true;
            disarm();
        });
    }

    private void tick() {
        timerId = -1;
        if (finished || cancelled || paused) return;
        // The batch's time is spent: if a pause interrupts it, the rest follows at once on resume.
        pendingDelayMs = 0;
        delivering = true;
        try {
            while (next < batchEnd && !paused && !cancelled) sink.onChunk(chunks.get(next++));
        } finally {
            delivering = false;
        }
        if (cancelled) {
            finished = true;
            return;
        }
        if (paused) return;
        if (next >= dropAt) {
            finished = true;
            sink.onError(dropError);
        } else if (next >= chunks.size()) {
            finished = true;
            sink.onEnd();
        } else {
            batchEnd = batchEndFrom(next);
            double exact = pacing.millisFor(tokensBetween(next, batchEnd)) + carryMs;
            pendingDelayMs = (long) Math.floor(exact);
            carryMs = exact - pendingDelayMs;
            arm();
        }
    }

    /** End (exclusive) of the batch starting at {@code from}: one tick's worth of tokens plus free chunks after it. */
    private int batchEndFrom(int from) {
        int limit = Math.min(dropAt, chunks.size());
        int quota = pacing.tokensPerTick();
        long tokens = 0;
        int end = from;
        while (end < limit && tokens < quota) tokens += weights[end++];
        while (end < limit && weights[end] == 0) end++;
        return end;
    }

    private long tokensBetween(int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) n += weights[i];
        return n;
    }

    private void arm() {
        if (sink == null || finished || cancelled || paused || delivering || timerId >= 0) return;
        timerId = vertx.setTimer(Math.max(1, pendingDelayMs), id -> tick());
    }

    private void disarm() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }

    /** Runs state changes on the stream's context so timers and callbacks never race. */
    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) action.run();
        else context.runOnContext(v -> action.run());
    }
}
