package dev.gearbox.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.catalog.Catalog;
import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.config.Deployment;
import dev.gearbox.config.ProviderConfig;
import dev.gearbox.error.GatewayError;
import dev.gearbox.pipeline.RequestContext;
import dev.gearbox.providers.ChunkSink;
import dev.gearbox.providers.ChunkStream;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A stream is committed on its first content, before the client's writer is attached; what arrived
 * by then reaches the writer in one hand-over (so an HTTP writer can send the role chunk and the
 * first token in one write), and later chunks one by one as they come.
 */
class LiveStreamAttachTest {
    /** An upstream that the test drives by hand. */
    static final class HandStream implements ChunkStream {
        ChunkSink sink;

        @Override public void start(ChunkSink s) { sink = s; }
        @Override public void pause() {}
        @Override public void resume() {}
        @Override public void cancel() {}
    }

    /** Records each call the live stream makes on the client's side. */
    static final class Recorder implements ChunkSink {
        final List<Object> calls = new ArrayList<>();

        @Override public void onChunk(ChatChunk c) { calls.add(c); }
        @Override public void onChunks(List<ChatChunk> cs) { calls.add(List.copyOf(cs)); }
        @Override public void onEnd() { calls.add("end"); }
        @Override public void onError(GatewayError e) { calls.add(e); }
    }

    @Test
    void whatArrivedBeforeAttachIsHandedOverAtOnceAndTheRestOneByOne() {
        HandStream upstream = new HandStream();
        RequestContext ctx = new RequestContext("r1", 0, 0,
                ChatRequest.of("gpt-4o-mini", List.of(Message.text(Role.USER, "hi"))), null, "openai");
        Deployment d = new Deployment("mock/gpt-4o-mini", "gpt-4o-mini", "gpt-4o-mini",
                new ProviderConfig("mock", "openai", null, null, null, Map.of()), 1, 0, 0);
        LiveStream live = new LiveStream(ctx, Catalog.shipped().require("gpt-4o-mini"), d, upstream, 0, () -> 0);
        Future<Void> first = live.awaitFirstChunk();

        ChatChunk role = ChatChunk.role(Role.ASSISTANT);
        ChatChunk hel = ChatChunk.text("Hel");
        upstream.sink.onChunk(role);
        assertThat(first.isComplete()).as("a role chunk alone does not commit the stream").isFalse();
        upstream.sink.onChunk(hel);
        assertThat(first.succeeded()).as("the first content commits it").isTrue();

        Recorder client = new Recorder();
        live.attach(client);
        assertThat(client.calls).containsExactly(List.of(role, hel));

        ChatChunk lo = ChatChunk.text("lo");
        ChatChunk stop = ChatChunk.finish(FinishReason.STOP);
        upstream.sink.onChunk(lo);
        upstream.sink.onChunk(stop);
        upstream.sink.onEnd();
        assertThat(client.calls).containsExactly(List.of(role, hel), lo, stop, "end");
    }
}
