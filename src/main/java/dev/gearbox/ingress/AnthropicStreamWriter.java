package dev.gearbox.ingress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Json;
import dev.gearbox.chat.ToolCallDelta;
import dev.gearbox.chat.Usage;
import dev.gearbox.dispatch.LiveStream;
import dev.gearbox.error.GatewayError;
import dev.gearbox.wire.anthropic.AnthropicAnswers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes canonical chunks as Anthropic's stream: {@code message_start}, then for each text or
 * tool call a {@code content_block_start}, its deltas ({@code text_delta}, {@code input_json_delta})
 * and {@code content_block_stop}, then {@code message_delta} (stop reason, output tokens) and
 * {@code message_stop}. A failure after the first byte is an {@code error} event and a clean close,
 * never a fake {@code message_stop}.
 */
final class AnthropicStreamWriter implements WireFormat.StreamWriter {
    private final HttpServerResponse response;
    private final LiveStream live;
    private final String id;
    private final String model;
    private final int inputTokens;
    private final Runnable onFinish;
    private boolean started;
    private boolean finished;
    private int blocks;
    private String open;            // "text", "tool:N" or null
    private FinishReason stop;
    private Usage usage;

    AnthropicStreamWriter(HttpServerResponse response, LiveStream live, String id, String model, int inputTokens, Runnable onFinish) {
        this.response = response;
        this.live = live;
        this.id = id;
        this.model = model;
        this.inputTokens = inputTokens;
        this.onFinish = onFinish;
    }

    @Override
    public void onChunk(ChatChunk c) {
        if (finished) return;
        start();
        if (c.usage() != null) usage = c.usage();
        if (c.finishReason() != null) stop = c.finishReason();
        if (c.text() != null && !c.text().isEmpty()) {
            if (!"text".equals(open)) {
                close();
                open = "text";
                ObjectNode b = Json.MAPPER.createObjectNode().put("type", "text").put("text", "");
                event("content_block_start", obj("content_block_start").put("index", blocks).set("content_block", b));
            }
            event("content_block_delta", obj("content_block_delta").put("index", blocks)
                    .set("delta", Json.MAPPER.createObjectNode().put("type", "text_delta").put("text", c.text())));
        }
        for (ToolCallDelta t : c.toolCalls()) {
            String key = "tool:" + t.index();
            if (!key.equals(open)) {
                close();
                open = key;
                ObjectNode b = Json.MAPPER.createObjectNode().put("type", "tool_use").put("id", t.id() == null ? "toolu_" + id + "_" + t.index() : t.id())
                        .put("name", t.name() == null ? "" : t.name());
                b.putObject("input");
                event("content_block_start", obj("content_block_start").put("index", blocks).set("content_block", b));
            }
            if (t.argumentsDelta() != null && !t.argumentsDelta().isEmpty()) {
                event("content_block_delta", obj("content_block_delta").put("index", blocks)
                        .set("delta", Json.MAPPER.createObjectNode().put("type", "input_json_delta").put("partial_json", t.argumentsDelta())));
            }
        }
    }

    private void start() {
        if (started) return;
        started = true;
        ObjectNode m = Json.MAPPER.createObjectNode().put("id", id).put("type", "message").put("role", "assistant").put("model", model);
        m.putArray("content");
        m.putNull("stop_reason");
        m.putNull("stop_sequence");
        m.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", 0);
        event("message_start", obj("message_start").set("message", m));
    }

    private void close() {
        if (open == null) return;
        event("content_block_stop", obj("content_block_stop").put("index", blocks));
        blocks++;
        open = null;
    }

    @Override
    public void onEnd() {
        if (finished) return;
        start();
        close();
        finished = true;
        Usage u = usage != null ? usage : live != null ? live.usage() : Usage.ZERO;
        ObjectNode delta = obj("message_delta");
        delta.putObject("delta").put("stop_reason", AnthropicAnswers.stopReason(stop)).putNull("stop_sequence");
        delta.set("usage", AnthropicAnswers.usage(u));
        event("message_delta", delta);
        response.end(frame("message_stop", obj("message_stop")));
        onFinish.run();
    }

    @Override
    public void onError(GatewayError e) {
        if (finished) return;
        finished = true;
        response.end(frame("error", AnthropicAnswers.error(e)));
        onFinish.run();
    }

    @Override
    public boolean finished() {
        return finished;
    }

    private static ObjectNode obj(String type) {
        return Json.MAPPER.createObjectNode().put("type", type);
    }

    private void event(String name, ObjectNode data) {
        response.write(frame(name, data));
        if (live != null && response.writeQueueFull()) {
            live.pause();
            response.drainHandler(v -> live.resume());
        }
    }

    private static Buffer frame(String name, ObjectNode data) {
        return Buffer.buffer(256).appendString("event: ").appendString(name).appendString("\ndata: ").appendString(data.toString())
                .appendString("\n\n");
    }
}
