package dev.gearbox.ingress;

import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.Choice;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.chat.ToolCallDelta;
import dev.gearbox.wire.openai.OpenAiChunks;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends a complete answer to a client that asked for a stream, as the same OpenAI SSE events a
 * live stream produces (role, content, tool calls, finish, usage when asked, {@code [DONE]}), in
 * one burst. Used when a cascade had to check the answer before any of it could be sent.
 */
final class BufferedStreamWriter {
    private BufferedStreamWriter() {}

    static void write(HttpServerResponse resp, ChatResponse answer, String id, String model, long created, boolean includeUsage) {
        resp.setChunked(true).putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
        Buffer out = Buffer.buffer(1024);
        for (ChatChunk c : chunks(answer, includeUsage)) {
            out.appendString("data: ").appendBuffer(OpenAiChunks.write(c, id, model, created)).appendString("\n\n");
        }
        resp.end(out.appendString("data: [DONE]\n\n"));
    }

    static List<ChatChunk> chunks(ChatResponse answer, boolean includeUsage) {
        List<ChatChunk> out = new ArrayList<>();
        out.add(ChatChunk.role(Role.ASSISTANT));
        Choice choice = answer.choices().isEmpty() ? null : answer.choices().get(0);
        if (choice != null && choice.message() != null) {
            String text = choice.message().text();
            if (!text.isEmpty()) out.add(ChatChunk.text(text));
            List<ToolCall> calls = choice.message().toolCalls();
            for (int i = 0; i < calls.size(); i++) {
                ToolCall c = calls.get(i);
                out.add(ChatChunk.tools(List.of(new ToolCallDelta(i, c.id(), c.name(), c.arguments()))));
            }
        }
        if (choice != null && choice.finishReason() != null) out.add(ChatChunk.finish(choice.finishReason()));
        if (includeUsage) out.add(ChatChunk.usage(answer.usage()));
        return out;
    }
}
