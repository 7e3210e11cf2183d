package dev.gearbox.ingress;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.dispatch.LiveStream;
import dev.gearbox.error.GatewayError;
import dev.gearbox.wire.anthropic.AnthropicAnswers;
import dev.gearbox.wire.anthropic.AnthropicIngress;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Anthropic's Messages format: {@code POST /v1/messages}, answered by whatever model routing picks. */
final class AnthropicFormat implements WireFormat {
    static final AnthropicFormat INSTANCE = new AnthropicFormat();

    @Override public String name() { return "anthropic"; }
    @Override public String idPrefix() { return "msg_"; }

    @Override
    public ChatRequest parse(Buffer body) {
        return AnthropicIngress.parse(body);
    }

    @Override
    public void sendError(HttpServerResponse resp, GatewayError e) {
        if (resp.ended() || resp.closed()) return;
        if (resp.headWritten()) {
            resp.end();
            return;
        }
        resp.setStatusCode(e.status()).putHeader("content-type", "application/json");
        if (e instanceof GatewayError.RateLimited r && r.retryAfter() != null) {
            resp.putHeader("retry-after", Long.toString(Math.max(1, r.retryAfter().toSeconds())));
        } else if (e instanceof GatewayError.Unavailable u && u.retryAfter() != null) {
            resp.putHeader("retry-after", Long.toString(Math.max(1, (u.retryAfter().toMillis() + 999) / 1000)));
        }
        resp.end(AnthropicAnswers.error(e).toString());
    }

    @Override
    public void sendAnswer(HttpServerResponse resp, ChatResponse answer, String id, String model, long created, ChatRequest request) {
        resp.putHeader("content-type", "application/json").end(AnthropicAnswers.message(answer, id, model).toString());
    }

    @Override
    public void sendBufferedStream(HttpServerResponse resp, ChatResponse answer, String id, String model, long created, ChatRequest request) {
        resp.setChunked(true).putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
        AnthropicStreamWriter w = new AnthropicStreamWriter(resp, null, id, model, answer.usage().inputTokens(), () -> {});
        for (var c : BufferedStreamWriter.chunks(answer, true)) w.onChunk(c);
        w.onEnd();
    }

    @Override
    public StreamWriter streamWriter(HttpServerResponse resp, LiveStream live, String id, String model, long created, ChatRequest request,
                                     Runnable onFinish) {
        resp.setChunked(true).putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
        return new AnthropicStreamWriter(resp, live, id, model, live.usage().inputTokens(), onFinish);
    }
}
