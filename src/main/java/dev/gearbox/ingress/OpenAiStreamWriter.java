package dev.gearbox.ingress;

import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.Role;
import dev.gearbox.dispatch.LiveStream;
import dev.gearbox.error.GatewayError;
import dev.gearbox.providers.ChunkSink;
import dev.gearbox.wire.openai.OpenAiChunks;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

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
        boolean usageOnly = c.usage() != null && c.text() == null && c.toolCalls().isEmpty() && c.finishReason() == null;
        if (usageOnly) {
            if (includeUsage) write(c);
            return;
        }
        if (!roleSent) {
            roleSent = true;
            if (c.role() == null) write(ChatChunk.role(Role.ASSISTANT));
        } else if (c.role() != null && c.text() == null && c.toolCalls().isEmpty() && c.finishReason() == null) {
            return;
        }
        write(c.usage() != null && !includeUsage ? new ChatChunk(c.choice(), c.role(), c.text(), c.toolCalls(),
                c.finishReason(), null) : c);
    }

    private void write(ChatChunk c) {
        Buffer b = Buffer.buffer(256).appendBuffer(DATA).appendBuffer(OpenAiChunks.write(c, id, model, created))
                .appendBuffer(END_EVENT);
        response.write(b);
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
