package dev.gearbox.providers.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.gearbox.providers.simulated.Awaits.soon;

import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.Usage;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TimedChunkStreamTest {
    private static final TimedChunkStream.Pacing FAST = new TimedChunkStream.Pacing(0, 5_000);
    private static final GatewayError DROP = new GatewayError.UpstreamError("p", "p/m", 0, ErrorClass.CONNECTION,
            "dropped", null, null);
    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().await();
    }

    /** The role chunk, {@code n} numbered text chunks, finish and usage. */
    private static List<ChatChunk> numbered(int n) {
        List<ChatChunk> out = new ArrayList<>();
        out.add(ChatChunk.role(Role.ASSISTANT));
        for (int i = 1; i <= n; i++) out.add(ChatChunk.text(" " + i));
        out.add(ChatChunk.finish(FinishReason.STOP));
        out.add(ChatChunk.usage(Usage.of(5, n)));
        return out;
    }

    private static void holds(Duration during, BooleanSupplier condition) {
        soon().during(during).until(condition::getAsBoolean);
    }

    @Test
    void deliversEveryChunkInOrderThenEndsOnceOnAnEventLoop() {
        List<ChatChunk> chunks = numbered(25);
        RecordingSink sink = new RecordingSink();
        new TimedChunkStream(vertx, chunks, FAST).start(sink);

        soon().until(sink::terminated);
        assertThat(sink.chunks).containsExactlyElementsOf(chunks);
        assertThat(sink.ends).hasValue(1);
        assertThat(sink.errors).isEmpty();
        holds(Duration.ofMillis(50), () -> sink.lateCallbacks.get() == 0 && sink.ends.get() == 1);
        assertThat(sink.offEventLoop).isFalse();
    }

    @Test
    void firstChunkWaitsForTheTimeToFirstToken() {
        AtomicLong firstAt = new AtomicLong();
        RecordingSink sink = new RecordingSink(s -> firstAt.compareAndSet(0, System.nanoTime()));
        long started = System.nanoTime();
        new TimedChunkStream(vertx, numbered(3), new TimedChunkStream.Pacing(60, 1_000_000)).start(sink);

        soon().until(sink::terminated);
        assertThat((firstAt.get() - started) / 1_000_000).isGreaterThanOrEqualTo(60);
    }

    @Test
    void laterChunksFollowTheTokenRate() {
        assertThat(TimedChunkStream.tokensOf(ChatChunk.text(" the"))).isEqualTo(1);
        List<ChatChunk> chunks = new ArrayList<>();
        for (int i = 0; i < 30; i++) chunks.add(ChatChunk.text(" the"));
        RecordingSink sink = new RecordingSink();
        long started = System.nanoTime();
        // 300 tokens/s: 3 tokens per 10 ms tick; the 27 tokens after the first batch take 90 ms.
        new TimedChunkStream(vertx, chunks, new TimedChunkStream.Pacing(0, 300)).start(sink);

        soon().until(sink::terminated);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(90);
        assertThat(sink.chunks).hasSize(30);
    }

    @Test
    void aFastRateBatchesManyTokensPerTimerTick() {
        assertThat(new TimedChunkStream.Pacing(0, 50).tokensPerTick()).isEqualTo(1);
        assertThat(new TimedChunkStream.Pacing(0, 100_000).tokensPerTick()).isEqualTo(1_000);
        assertThat(new TimedChunkStream.Pacing(0, Double.POSITIVE_INFINITY).tokensPerTick()).isEqualTo(Integer.MAX_VALUE);

        List<ChatChunk> chunks = numbered(3_000);
        RecordingSink sink = new RecordingSink();
        new TimedChunkStream(vertx, chunks, new TimedChunkStream.Pacing(0, 1_000_000)).start(sink);

        soon().until(sink::terminated);
        assertThat(sink.chunks).containsExactlyElementsOf(chunks);
    }

    @Test
    void pauseStopsDeliveryUntilResumeThenContinuesWhereItStopped() {
        List<ChatChunk> chunks = numbered(20);
        AtomicReference<TimedChunkStream> stream = new AtomicReference<>();
        RecordingSink sink = new RecordingSink(s -> {
            if (s.chunks.size() == 3) stream.get().pause();
        });
        stream.set(new TimedChunkStream(vertx, chunks, FAST));
        stream.get().start(sink);

        soon().until(() -> sink.chunks.size() >= 3);
        holds(Duration.ofMillis(150), () -> sink.chunks.size() == 3 && !sink.terminated());

        stream.get().resume();
        soon().until(sink::terminated);
        assertThat(sink.chunks).containsExactlyElementsOf(chunks);
        assertThat(sink.ends).hasValue(1);
    }

    @Test
    void pauseBeforeStartHoldsEvenTheFirstChunk() {
        List<ChatChunk> chunks = numbered(4);
        TimedChunkStream stream = new TimedChunkStream(vertx, chunks, FAST);
        RecordingSink sink = new RecordingSink();
        stream.pause();
        stream.start(sink);

        holds(Duration.ofMillis(100), () -> sink.chunks.isEmpty() && !sink.terminated());
        stream.resume();
        soon().until(sink::terminated);
        assertThat(sink.chunks).containsExactlyElementsOf(chunks);
    }

    @Test
    void cancelFromInsideACallbackStopsAllFurtherCallbacks() {
        AtomicReference<TimedChunkStream> stream = new AtomicReference<>();
        RecordingSink sink = new RecordingSink(s -> {
            if (s.chunks.size() == 2) stream.get().cancel();
        });
        stream.set(new TimedChunkStream(vertx, numbered(20), FAST));
        stream.get().start(sink);

        soon().until(() -> sink.chunks.size() >= 2);
        holds(Duration.ofMillis(150), () -> sink.chunks.size() == 2 && !sink.terminated());
    }

    @Test
    void cancelDuringTheFirstTokenWaitDeliversNothing() {
        TimedChunkStream stream = new TimedChunkStream(vertx, numbered(5), new TimedChunkStream.Pacing(50, 5_000));
        RecordingSink sink = new RecordingSink();
        stream.start(sink);
        stream.cancel();

        holds(Duration.ofMillis(150), () -> sink.chunks.isEmpty() && !sink.terminated());
    }

    @Test
    void aDropDeliversTheFirstChunksThenOneErrorAndNoEnd() {
        List<ChatChunk> chunks = numbered(10);
        RecordingSink sink = new RecordingSink();
        new TimedChunkStream(vertx, chunks, FAST, new TimedChunkStream.Drop(4, DROP)).start(sink);

        soon().until(sink::terminated);
        holds(Duration.ofMillis(50), () -> sink.lateCallbacks.get() == 0);
        assertThat(sink.chunks).containsExactlyElementsOf(chunks.subList(0, 4));
        assertThat(sink.errors).containsExactly(DROP);
        assertThat(sink.ends).hasValue(0);
    }

    @Test
    void aDropAtZeroFailsBeforeAnyChunk() {
        RecordingSink sink = new RecordingSink();
        new TimedChunkStream(vertx, numbered(3), FAST, new TimedChunkStream.Drop(0, DROP)).start(sink);

        soon().until(sink::terminated);
        assertThat(sink.chunks).isEmpty();
        assertThat(sink.errors).containsExactly(DROP);
    }

    @Test
    void aDropPastTheLastChunkReplacesTheCleanEnd() {
        List<ChatChunk> chunks = numbered(3);
        RecordingSink sink = new RecordingSink();
        new TimedChunkStream(vertx, chunks, FAST, new TimedChunkStream.Drop(99, DROP)).start(sink);

        soon().until(sink::terminated);
        holds(Duration.ofMillis(50), () -> sink.lateCallbacks.get() == 0);
        assertThat(sink.chunks).containsExactlyElementsOf(chunks);
        assertThat(sink.errors).containsExactly(DROP);
        assertThat(sink.ends).hasValue(0);
    }

    @Test
    void anEmptyStreamJustEnds() {
        RecordingSink sink = new RecordingSink();
        new TimedChunkStream(vertx, List.of(), FAST).start(sink);

        soon().until(sink::terminated);
        assertThat(sink.ends).hasValue(1);
        assertThat(sink.chunks).isEmpty();
    }
}
