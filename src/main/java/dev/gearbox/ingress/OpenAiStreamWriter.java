package dev.gearbox.ingress;

import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.Role;
import dev.gearbox.dispatch.LiveStream;
import dev.gearbox.error.GatewayError;
import dev.gearbox.providers.ChunkSink;
import dev.gearbox.wire.openai.OpenAiChunks;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * Writes a committed stream to the client as OpenAI SSE: a role chunk first, the deltas, the usage
 * chunk only when the client asked for it, then {@code [DONE]}. A failure after the first byte is an
 * error event and a clean close, never a fake {@code [DONE]}. Honours back-pressure both ways.
 */
final class OpenAiStreamWriter implements WireFormat.StreamWriter {
    private static final Buffer DATA = Buffer.buffer("data: ");
    private static final Buffer END_EVENT = Buffer.buffer("\n\n");
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

    private final HttpServerResponse response;
    private final LiveStream live;
    private final String id;
    private final String model;
    private final long created;
    private final boolean includeUsage;
    private final Runnable onFinish;
    private boolean roleSent;
    private boolean finished;

    OpenAiStreamWriter(HttpServerResponse response, LiveStream live, String id, String model, long created,
                       boolean includeUsage, Runnable onFinish) {
        this.response = response;
        this.live = live;
        this.id = id;
        this.model = model;
        this.created = created;
        this.includeUsage = includeUsage;
        this.onFinish = onFinish;
    }

    @Override
    public void onChunk(ChatChunk c) {
        if (finished) return;
        Buffer out = Buffer.buffer(256);
        append(c, out);
        send(out);
    }

    /** The chunks that were ready when the stream was attached (the first content, often with a role chunk before it) go out in one write. */
    @Override
    public void onChunks(List<ChatChunk> chunks) {
        if (finished) return;
        Buffer out = Buffer.buffer(256 * chunks.size());
        for (ChatChunk c : chunks) append(c, out);
        send(out);
    }

    /** Appends the SSE events {@code c} becomes for the client (none, one, or the role chunk and it). */
    private void append(ChatChunk c, Buffer out) {
        boolean usageOnly = c.usage() != null && c.text() == null && c.toolCalls().isEmpty() && c.finishReason() == null;
        if (usageOnly) {
            if (includeUsage) event(c, out);
            return;
        }
        if (!roleSent) {
            roleSent = true;
            if (c.role() == null) event(ChatChunk.role(Role.ASSISTANT), out);
        } else if (c.role() != null && c.text() == null && c.toolCalls().isEmpty() && c.finishReason() == null) {
            return;
        }
        event(c.usage() != null && !includeUsage ? new ChatChunk(c.choice(), c.role(), c.text(), c.toolCalls(),
                c.finishReason(), null) : c, out);
    }

    private void event(ChatChunk c, Buffer out) {
        out.appendBuffer(DATA).appendBuffer(OpenAiChunks.write(c, id, model, created)).appendBuffer(END_EVENT);
    }

    private void send(Buffer out) {
        if (out.length() == 0) return;
        response.write(out);
        if (response.writeQueueFull()) {
            live.pause();
            response.drainHandler(v -> live.resume());
        }
    }

    @Override
    public void onEnd() {
        if (finished) return;
        finished = true;
        response.end(DONE);
        onFinish.run();
    }

    @Override
    public void onError(GatewayError e) {
        if (finished) return;
        finished = true;
        response.end(Buffer.buffer(256).appendBuffer(DATA).appendBuffer(OpenAiErrorBody.of(e)).appendBuffer(END_EVENT));
        onFinish.run();
    }

    @Override
    public boolean finished() {
        return finished;
    }
}
