package dev.gearbox.ingress;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.Json;
import dev.gearbox.chat.ToolCallDelta;
import dev.gearbox.chat.Usage;
import dev.gearbox.dispatch.LiveStream;
import dev.gearbox.error.GatewayError;
import dev.gearbox.wire.responses.ResponsesAnswers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes canonical chunks as the Responses API's semantic events: {@code response.created} and
 * {@code response.in_progress}; per output item {@code response.output_item.added}, the text
 * ({@code response.content_part.added}, {@code response.output_text.delta}/{@code .done},
 * {@code response.content_part.done}) or function-call arguments
 * ({@code response.function_call_arguments.delta}/{@code .done}), {@code response.output_item.done};
 * then {@code response.completed} with the whole response, or {@code response.failed}.
 */
final class ResponsesStreamWriter implements WireFormat.StreamWriter {
    private final HttpServerResponse response;
    private final LiveStream live;
    private final String id;
    private final String model;
    private final long created;
    private final ChatRequest request;
    private final Runnable onFinish;
    private final ArrayNode done = Json.MAPPER.createArrayNode();
    private int sequence;
    private boolean started;
    private boolean finished;
    private String open;       // "text" or "tool:N"
    private String itemId;
    private final StringBuilder buffer = new StringBuilder();
    private String callId;
    private String callName;
    private Usage usage;

    ResponsesStreamWriter(HttpServerResponse response, LiveStream live, String id, String model, long created, ChatRequest request,
                          Runnable onFinish) {
        this.response = response;
        this.live = live;
        this.id = id;
        this.model = model;
        this.created = created;
        this.request = request;
        this.onFinish = onFinish;
    }

    @Override
    public void onChunk(ChatChunk c) {
        if (finished) return;
        start();
        if (c.usage() != null) usage = c.usage();
        if (c.text() != null && !c.text().isEmpty()) {
            if (!"text".equals(open)) {
                close();
                open = "text";
                itemId = id + "_msg";
                event("response.output_item.added", obj().put("output_index", done.size()).set("item", ResponsesAnswers.message(itemId, null, "in_progress")));
                event("response.content_part.added", obj().put("item_id", itemId).put("output_index", done.size()).put("content_index", 0)
                        .set("part", ResponsesAnswers.outputText("")));
            }
            buffer.append(c.text());
            ObjectNode delta = obj().put("item_id", itemId).put("output_index", done.size()).put("content_index", 0).put("delta", c.text());
            delta.putArray("logprobs");
            event("response.output_text.delta", delta);
        }
        for (ToolCallDelta t : c.toolCalls()) {
            String key = "tool:" + t.index();
            if (!key.equals(open)) {
                close();
                open = key;
                itemId = id + "_fc" + t.index();
                callId = t.id() == null ? "call_" + id + "_" + t.index() : t.id();
                callName = t.name() == null ? "" : t.name();
                event("response.output_item.added", obj().put("output_index", done.size())
                        .set("item", ResponsesAnswers.functionCall(itemId, callId, callName, "", "in_progress")));
            }
            if (t.argumentsDelta() != null && !t.argumentsDelta().isEmpty()) {
                buffer.append(t.argumentsDelta());
                event("response.function_call_arguments.delta", obj().put("item_id", itemId).put("output_index", done.size())
                        .put("delta", t.argumentsDelta()));
            }
        }
    }

    private void start() {
        if (started) return;
        started = true;
        event("response.created", obj().set("response", ResponsesAnswers.envelope(id, model, created, request, "in_progress")));
        event("response.in_progress", obj().set("response", ResponsesAnswers.envelope(id, model, created, request, "in_progress")));
    }

    private void close() {
        if (open == null) return;
        int index = done.size();
        ObjectNode item;
        if (open.equals("text")) {
            String text = buffer.toString();
            ObjectNode textDone = obj().put("item_id", itemId).put("output_index", index).put("content_index", 0).put("text", text);
            textDone.putArray("logprobs");
            event("response.output_text.done", textDone);
            event("response.content_part.done", obj().put("item_id", itemId).put("output_index", index).put("content_index", 0)
                    .set("part", ResponsesAnswers.outputText(text)));
            item = ResponsesAnswers.message(itemId, text, "completed");
        } else {
            event("response.function_call_arguments.done", obj().put("item_id", itemId).put("output_index", index).put("arguments", buffer.toString()));
            item = ResponsesAnswers.functionCall(itemId, callId, callName, buffer.toString(), "completed");
        }
        event("response.output_item.done", obj().put("output_index", index).set("item", item));
        done.add(item);
        buffer.setLength(0);
        open = null;
    }

    @Override
    public void onEnd() {
        if (finished) return;
        start();
        close();
        finished = true;
        ObjectNode r = ResponsesAnswers.envelope(id, model, created, request, "completed");
        r.set("output", done);
        r.set("usage", ResponsesAnswers.usage(usage != null ? usage : live != null ? live.usage() : Usage.ZERO));
        response.end(frame("response.completed", obj().set("response", r)));
        onFinish.run();
    }

    @Override
    public void onError(GatewayError e) {
        if (finished) return;
        start();
        finished = true;
        ObjectNode r = ResponsesAnswers.envelope(id, model, created, request, "failed");
        r.set("output", done);
        r.putObject("error").put("code", e.code() == null ? "server_error" : e.code()).put("message", e.getMessage());
        response.end(frame("response.failed", obj().set("response", r)));
        onFinish.run();
    }

    @Override
    public boolean finished() {
        return finished;
    }

    private static ObjectNode obj() {
        return Json.MAPPER.createObjectNode();
    }

    private void event(String type, ObjectNode data) {
        response.write(frame(type, data));
        if (live != null && response.writeQueueFull()) {
            live.pause();
            response.drainHandler(v -> live.resume());
        }
    }

    private Buffer frame(String type, ObjectNode data) {
        ObjectNode o = Json.MAPPER.createObjectNode().put("type", type).put("sequence_number", sequence++);
        o.setAll(data);
        return Buffer.buffer(256).appendString("event: ").appendString(type).appendString("\ndata: ").appendString(o.toString()).appendString("\n\n");
    }
}
