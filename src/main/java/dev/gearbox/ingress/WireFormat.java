package dev.gearbox.ingress;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.dispatch.LiveStream;
import dev.gearbox.error.GatewayError;
import dev.gearbox.providers.ChunkSink;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * A client's wire format at the edge: how its requests parse into the canonical request, and how
 * answers, streams and errors are written back in its shape. The pipeline between is shared by
 * every format ({@link ChatHandler}).
 */
interface WireFormat {
    /** The format's name in the ledger ({@code openai}, {@code anthropic}). */
    String name();

    /** Prefix of the answer ids this format shows ({@code chatcmpl-}, {@code msg_}). */
    String idPrefix();

    /** The canonical request; a malformed one is a {@link GatewayError.BadRequest} naming the field. */
    ChatRequest parse(Buffer body);

    /** Status, headers and body for an error, in this format's error shape. */
    void sendError(HttpServerResponse resp, GatewayError e);

    /** A complete, non-streamed answer. */
    void sendAnswer(HttpServerResponse resp, ChatResponse answer, String id, String model, long created, ChatRequest request);

    /** A complete answer to a client that asked for a stream (a cascade checked it before sending), in one burst. */
    void sendBufferedStream(HttpServerResponse resp, ChatResponse answer, String id, String model, long created, ChatRequest request);

    /** Writes a committed live stream to the client; {@code onFinish} runs once it ended or failed. */
    StreamWriter streamWriter(HttpServerResponse resp, LiveStream live, String id, String model, long created, ChatRequest request,
                              Runnable onFinish);

    /** A live stream's writer: a sink that knows whether it finished. */
    interface StreamWriter extends ChunkSink {
        boolean finished();
    }
}
