package dev.gearbox.ingress;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.dispatch.LiveStream;
import dev.gearbox.error.GatewayError;
import dev.gearbox.wire.openai.OpenAiRequests;
import dev.gearbox.wire.openai.OpenAiResponses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** OpenAI's Chat Completions format: {@code POST /v1/chat/completions}. */
final class OpenAiFormat implements WireFormat {
    static final OpenAiFormat INSTANCE = new OpenAiFormat();

    @Override public String name() { return "openai"; }
    @Override public String idPrefix() { return "chatcmpl-"; }

    @Override
    public ChatRequest parse(Buffer body) {
        return OpenAiRequests.parse(body);
    }

    @Override
    public void sendError(HttpServerResponse resp, GatewayError e) {
        ErrorResponses.send(resp, e);
    }

    @Override
    public void sendAnswer(HttpServerResponse resp, ChatResponse answer, String id, String model, long created, ChatRequest request) {
        resp.putHeader("content-type", "application/json").end(OpenAiResponses.write(answer, id, model, created));
    }

    @Override
    public void sendBufferedStream(HttpServerResponse resp, ChatResponse answer, String id, String model, long created, ChatRequest request) {
        BufferedStreamWriter.write(resp, answer, id, model, created, request.includeUsage());
    }

    @Override
    public StreamWriter streamWriter(HttpServerResponse resp, LiveStream live, String id, String model, long created, ChatRequest request,
                                     Runnable onFinish) {
        resp.setChunked(true).putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
        return new OpenAiStreamWriter(resp, live, id, model, created, request.includeUsage(), onFinish);
    }
}
