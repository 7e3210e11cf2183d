package dev.gearbox.signals;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.pipeline.Caller;
import java.util.List;

/**
 * Computes {@link Signals} from a canonical request and its caller; pure and cheap enough for the
 * event loop. The task, the size asked for and the complexity markers come from the last user
 * message (what is being asked now); code, math, structured data and domains from the whole
 * prompt. Each detector reads at most {@link #SCAN_CHARS} characters, so the cost is bounded.
 */
public final class SignalExtractor {
    /** Characters of prompt text the content detectors read (head and tail of longer prompts). */
    public static final int SCAN_CHARS = 16_384;
    private static final Caller NOBODY = new Caller(Caller.ANONYMOUS, null, null, java.util.Map.of());

    public Signals extract(ChatRequest request) {
        return extract(request, NOBODY);
    }

    public Signals extract(ChatRequest request, Caller caller) {
        int turns = 0, bytes = 0;
        String ask = "";
        StringBuilder all = new StringBuilder();
        List<Message> messages = request.messages();
        for (Message m : messages) {
            String text = m.text();
            bytes += utf8Length(text);
            for (ToolCall c : m.toolCalls()) bytes += utf8Length(c.name()) + utf8Length(c.arguments());
            if (m.role() == Role.USER || m.role() == Role.ASSISTANT) turns++;
            if (m.role() == Role.USER) ask = text;
            if (m.role() == Role.USER || m.role() == Role.SYSTEM) {
                if (!all.isEmpty()) all.append('\n');
                all.append(text);
            }
        }
        String prompt = bounded(all.toString());
        ask = bounded(ask);
        Words promptWords = new Words(prompt);
        Words askWords = promptWords.suffix(prompt, ask);
        boolean fenced = TextSignals.fencedCode(prompt);
        boolean code = fenced || TextSignals.code(prompt);
        boolean math = TextSignals.math(prompt, promptWords);
        return new Signals(request, bytes, turns, messages.size(), code, fenced,
                code ? TextSignals.codeLanguage(prompt) : null, math, TextSignals.structured(prompt),
                TextSignals.instructions(ask, askWords), TextSignals.taskType(ask, askWords, code, math),
                TextSignals.complexityMarkers(askWords), TextSignals.simplicityMarkers(askWords),
                TextSignals.domains(promptWords), TextSignals.outputSize(askWords), caller == null ? NOBODY : caller);
    }

    /** The head and tail of a long text: instructions sit at either end of long prompts. */
    static String bounded(String s) {
        if (s.length() <= SCAN_CHARS) return s;
        int half = SCAN_CHARS / 2;
        return s.substring(0, half) + "\n" + s.substring(s.length() - half);
    }

    static int utf8Length(String s) {
        if (s == null) return 0;
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else n += 3;
        }
        return n;
    }

}
