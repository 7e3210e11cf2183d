package dev.gearbox.dispatch;

import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.TokenCounter;
import dev.gearbox.chat.ToolCallDelta;
import dev.gearbox.chat.Usage;
import dev.gearbox.config.Deployment;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import dev.gearbox.pipeline.AttemptRecord;
import dev.gearbox.pipeline.RequestContext;
import dev.gearbox.providers.ChunkSink;
import dev.gearbox.providers.ChunkStream;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * An upstream stream from its first chunk on. Until the first chunk with content (text, tool call,
 * finish or usage) arrives, a failure fails {@link #awaitFirstChunk} so dispatch can fall back; after
 * it the stream is committed and failures go to the attached sink. It keeps the running usage so
 * a stream that ends early, is cancelled, or reports no usage is still accounted (estimated with
 * jtokkit from what was generated).
 */
public final class LiveStream {
    /** Client-closed-request status recorded for a stream the client abandoned. */
    public static final int CLIENT_CLOSED = 499;

    private final RequestContext ctx;
    private final ModelInfo model;
    private final Deployment deployment;
    private final ChunkStream upstream;
    private final long startNanos;
    private final LongSupplier nanoTime;
    private final Promise<Void> first = Promise.promise();
    private final List<ChatChunk> buffered = new ArrayList<>(4);
    private final StringBuilder generated = new StringBuilder();
    private ChunkSink client;
    private boolean committed;
    private boolean closed;
    private GatewayError pendingError;
    private boolean pendingEnd;
    private Usage usage;
    private long ttftMillis = -1;
    private long lastActivityNanos;
    private Closed closedHook = Closed.NONE;

    /** Told once when the stream is over: how it ended, and what it used. */
    @FunctionalInterface
    interface Closed {
        Closed NONE = (failure, usage, cancelled) -> {};

        /** @param failure the error class when it failed, else null; {@code cancelled} when Gearbox or the client stopped it */
        void closed(ErrorClass failure, Usage usage, boolean cancelled);
    }

    LiveStream(RequestContext ctx, ModelInfo model, Deployment deployment, ChunkStream upstream, long startNanos,
               LongSupplier nanoTime) {
        this.ctx = ctx;
        this.model = model;
        this.deployment = deployment;
        this.upstream = upstream;
        this.startNanos = startNanos;
        this.nanoTime = nanoTime;
        this.lastActivityNanos = nanoTime.getAsLong();
    }

    void onClosed(Closed hook) {
        this.closedHook = hook;
    }

    /** When the upstream last sent anything (or the stream started), for the idle timeout. */
    long lastActivityNanos() {
        return lastActivityNanos;
    }

    boolean committed() {
        return committed;
    }

    boolean isClosed() {
        return closed;
    }

    Future<Void> awaitFirstChunk() {
        upstream.start(new ChunkSink() {
            @Override public void onChunk(ChatChunk c) { chunk(c); }
            @Override public void onEnd() { end(); }
            @Override public void onError(GatewayError e) { error(e); }
        });
        return first.future();
    }

    public ModelInfo model() { return model; }

    /** The text generated so far (tool call names and arguments included). */
    public String generatedText() { return generated.toString(); }
    public Deployment deployment() { return deployment; }
    public long ttftMillis() { return ttftMillis; }

    /** Usage as reported by the provider, or estimated from the prompt and what was generated so far. */
    public Usage usage() {
        if (usage != null) return usage;
        return Usage.of(TokenCounter.count(ctx.request().messages()), TokenCounter.count(generated.toString()));
    }

    /** Starts forwarding to the client; chunks that arrived before are delivered first. */
    public void attach(ChunkSink sink) {
        this.client = sink;
        if (!buffered.isEmpty()) {
            List<ChatChunk> ready = List.copyOf(buffered);
            buffered.clear();
            sink.onChunks(ready);
        }
        if (pendingError != null) sink.onError(pendingError);
        else if (pendingEnd) sink.onEnd();
    }

    public void pause() { upstream.pause(); }
    public void resume() { upstream.resume(); }

    /** The client went away: stop the upstream and account for what was generated. */
    public void cancel() {
        cancel(AttemptRecord.Kind.SERVE);
    }

    /** Stops the upstream and accounts for what was generated; {@code kind} CANCELLED for a hedge that lost. */
    void cancel(AttemptRecord.Kind kind) {
        if (closed) return;
        closed = true;
        upstream.cancel();
        Usage u = record(CLIENT_CLOSED, null, kind, true);
        closedHook.closed(null, u, true);
    }

    /** Gearbox gives up on the upstream (a timeout): it is stopped and the failure reported like any other. */
    void fail(GatewayError e) {
        if (closed) return;
        closed = true;
        upstream.cancel();
        error(e, true);
    }

    private void chunk(ChatChunk c) {
        lastActivityNanos = nanoTime.getAsLong();
        if (c.usage() != null) usage = c.usage();
        if (c.text() != null) generated.append(c.text());
        for (ToolCallDelta t : c.toolCalls()) {
            if (t.name() != null) generated.append(t.name());
            if (t.argumentsDelta() != null) generated.append(t.argumentsDelta());
        }
        boolean content = c.text() != null || !c.toolCalls().isEmpty() || c.finishReason() != null || c.usage() != null;
        if (!committed && content) {
            committed = true;
            ttftMillis = (nanoTime.getAsLong() - startNanos) / 1_000_000;
            buffered.add(c);
            first.complete();
            return;
        }
        if (client != null) client.onChunk(c);
        else buffered.add(c);
    }

    private void end() {
        if (closed) return;
        closed = true;
        if (!committed) {
            // A stream that ended with no content at all is a failure the next candidate may fix.
            error(new GatewayError.UpstreamError(deployment.provider().name(), deployment.id(), 0,
                    ErrorClass.SERVER_ERROR, "Upstream stream ended without any content.", null, null), true);
            return;
        }
        Usage u = record(200, null, AttemptRecord.Kind.SERVE, false);
        closedHook.closed(null, u, false);
        if (client != null) client.onEnd();
        else pendingEnd = true;
    }

    private void error(GatewayError e) {
        if (closed) return;
        closed = true;
        error(e, false);
    }

    private void error(GatewayError e, boolean alreadyClosed) {
        ErrorClass cls = e instanceof GatewayError.UpstreamError u ? u.errorClass() : ErrorClass.SERVER_ERROR;
        int status = e instanceof GatewayError.UpstreamError u ? u.upstreamStatus() : 0;
        Usage u = record(status, cls, AttemptRecord.Kind.SERVE, false);
        closedHook.closed(cls, u, false);
        if (!committed) {
            first.fail(e);
            return;
        }
        if (client != null) client.onError(e);
        else pendingError = e;
    }

    /**
     * Records this attempt. A committed stream is billed for its prompt and what it generated; one
     * cancelled before its first chunk (a hedge that lost) for its prompt, which the provider has
     * already read; one that failed before any content for nothing.
     */
    private Usage record(int status, ErrorClass cls, AttemptRecord.Kind kind, boolean cancelled) {
        long ms = (nanoTime.getAsLong() - startNanos) / 1_000_000;
        Usage u = committed || cancelled ? usage() : Usage.ZERO;
        ctx.addAttempt(new AttemptRecord(deployment.id(), deployment.provider().name(), model.id(), status, cls, ms,
                ttftMillis, u, model.price().cost(u), kind));
        return u;
    }
}
