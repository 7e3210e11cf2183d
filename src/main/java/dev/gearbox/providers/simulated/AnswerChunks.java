package dev.gearbox.providers.simulated;

import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.chat.ToolCallDelta;
import dev.gearbox.chat.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts a complete answer into the chunks a streaming model would send: the assistant role, word-sized
 * text deltas (or tool-call argument fragments), the finish reason, then usage. Concatenating the
 * deltas gives back the answer exactly.
 */
public final class AnswerChunks {
    /** Tool-call arguments stream in fragments of this many characters, like real providers' deltas. */
    static final int ARGUMENT_FRAGMENT_CHARS = 16;
    /** Splits before each whitespace run that follows a non-space: "a b\n\nc" -> "a", " b", "\n\nc". */
    private static final Pattern WORD_BOUNDARY = Pattern.compile("(?<=\\S)(?=\\s)");

    private AnswerChunks() {}

    public static List<ChatChunk> text(String text, FinishReason finish, Usage usage) {
        List<ChatChunk> out = new ArrayList<>();
        out.add(ChatChunk.role(Role.ASSISTANT));
        if (text != null && !text.isEmpty()) {
            for (String word : WORD_BOUNDARY.split(text)) out.add(ChatChunk.text(word));
        }
        return close(out, finish, usage);
    }

    public static List<ChatChunk> toolCall(ToolCall call, FinishReason finish, Usage usage) {
        List<ChatChunk> out = new ArrayList<>();
        out.add(ChatChunk.role(Role.ASSISTANT));
        out.add(ChatChunk.tools(List.of(new ToolCallDelta(0, call.id(), call.name(), ""))));
        String args = call.arguments();
        int i = 0;
        while (i < args.length()) {
            int end = Math.min(args.length(), i + ARGUMENT_FRAGMENT_CHARS);
            if (end < args.length() && Character.isHighSurrogate(args.charAt(end - 1))) end++;
            out.add(ChatChunk.tools(List.of(new ToolCallDelta(0, null, null, args.substring(i, end)))));
            i = end;
        }
        return close(out, finish, usage);
    }

    private static List<ChatChunk> close(List<ChatChunk> out, FinishReason finish, Usage usage) {
        out.add(ChatChunk.finish(finish));
        if (usage != null) out.add(ChatChunk.usage(usage));
        return out;
    }
}
