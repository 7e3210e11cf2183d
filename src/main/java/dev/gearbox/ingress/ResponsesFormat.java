package dev.gearbox.ingress;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.dispatch.LiveStream;
import dev.gearbox.error.GatewayError;
import dev.gearbox.wire.responses.ResponsesAnswers;
import dev.gearbox.wire.responses.ResponsesIngress;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** OpenAI's Responses format: {@code POST /v1/responses} (text, function tools, streaming); errors in OpenAI's shape. */
final class ResponsesFormat implements WireFormat {
    static final ResponsesFormat INSTANCE = new ResponsesFormat();

    @Override public String name() { return "responses"; }
    @Override public String idPrefix() { return "resp_"; }

    @Override
    public ChatRequest parse(Buffer body) {
        return ResponsesIngress.parse(body);
    }

    @Override
    public void sendError(HttpServerResponse resp, GatewayError e) {
        ErrorResponses.send(resp, e);
    }

    /** The non-streamed response object (it echoes the request's settings). */
    @Override
    public void sendAnswer(HttpServerResponse resp, ChatResponse answer, String id, String model, long created, ChatRequest request) {
        resp.putHeader("content-type", "application/json").end(ResponsesAnswers.response(answer, id, model, created, request).toString());
    }

    @Override
    public void sendBufferedStream(HttpServerResponse resp, ChatResponse answer, String id, String model, long created, ChatRequest request) {
        resp.setChunked(true).putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
        ResponsesStreamWriter w = new ResponsesStreamWriter(resp, null, id, model, created, request, () -> {});
        for (var c : BufferedStreamWriter.chunks(answer, true)) w.onChunk(c);
        w.onEnd();
    }

    @Override
    public StreamWriter streamWriter(HttpServerResponse resp, LiveStream live, String id, String model, long created, ChatRequest request,
                                     Runnable onFinish) {
        resp.setChunked(true).putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
        return new ResponsesStreamWriter(resp, live, id, model, created, request, onFinish);
    }
}
