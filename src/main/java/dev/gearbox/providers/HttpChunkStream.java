package dev.gearbox.providers;

import dev.gearbox.chat.ChatChunk;
import dev.gearbox.config.Deployment;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import io.vertx.core.http.HttpClientResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A streamed HTTP answer: SSE parsed, translated by the provider's translator, handed to a sink.
 * Handlers are attached as soon as the response arrives (it stays paused until {@link #start}), so
 * a connection that dies between the two is remembered and reported at start, not lost.
 */
final class HttpChunkStream implements ChunkStream {
    private final HttpClientResponse response;
    private final StreamTranslator translator;
    private final Deployment deployment;
    private final SseParser parser = new SseParser(this::onEvent);
    private final List<ChatChunk> pending = new ArrayList<>(4);
    private ChunkSink sink;
    private GatewayError earlyFailure;
    private boolean earlyEnd;
    private boolean terminal;
    private boolean finished;

    HttpChunkStream(HttpClientResponse response, StreamTranslator translator, Deployment deployment) {
        this.response = response;
        this.translator = translator;
        this.deployment = deployment;
        response.handler(buf -> {
            if (!finished) parser.feed(buf);
        });
        response.exceptionHandler(t -> fail(HttpProviderAdapter.classify(deployment, t)));
        response.endHandler(v -> onUpstreamEnd());
    }

    @Override
    public void start(ChunkSink sink) {
        this.sink = sink;
        if (earlyFailure != null) {
            GatewayError e = earlyFailure;
            earlyFailure = null;
            fail(e);
        } else if (earlyEnd) {
            onUpstreamEnd();
        } else {
            response.resume();
        }
    }

    private void onUpstreamEnd() {
        if (finished) return;
        if (sink == null) {
            earlyEnd = true;
            return;
        }
        parser.finish();
        if (finished) return;
        if (terminal) {
            finished = true;
            sink.onEnd();
        } else {
            fail(new GatewayError.UpstreamError(deployment.provider().name(), deployment.id(), 0,
                    ErrorClass.CONNECTION, "Upstream stream ended before its final event.", null, null));
        }
    }

    private void onEvent(SseEvent event) {
        if (finished || terminal) return;
        try {
            terminal = translator.onEvent(event, pending);
        } catch (GatewayError e) {
            pending.clear();
            fail(e);
            return;
        } catch (RuntimeException e) {
            pending.clear();
            fail(new GatewayError.UpstreamError(deployment.provider().name(), deployment.id(), 0,
                    ErrorClass.SERVER_ERROR, "Upstream sent a stream event Gearbox could not read.", null, null));
            return;
        }
        for (int i = 0; i < pending.size(); i++) sink.onChunk(pending.get(i));
        pending.clear();
    }

    private void fail(GatewayError raw) {
        if (finished) return;
        GatewayError e = KeyMasking.mask(deployment, raw);
        if (sink == null) {
            if (earlyFailure == null) earlyFailure = e;
            return;
        }
        finished = true;
        sink.onError(e);
        response.request().reset();
    }

    @Override
    public void pause() {
        response.pause();
    }

    @Override
    public void resume() {
        if (sink != null && !finished) response.resume();
    }

    @Override
    public void cancel() {
        if (finished) return;
        finished = true;
        response.request().reset();
    }
}
