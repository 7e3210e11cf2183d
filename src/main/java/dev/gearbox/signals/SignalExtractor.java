package dev.gearbox.signals;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.TokenCounter;

/** Computes {@link Signals} from a canonical request; pure and cheap enough for the event loop. */
public final class SignalExtractor {

    public Signals extract(ChatRequest request) {
        int turns = 0;
        boolean code = false;
        for (Message m : request.messages()) {
            if (m.role() == Role.USER || m.role() == Role.ASSISTANT) turns++;
            if (!code && (m.role() == Role.USER || m.role() == Role.SYSTEM)) code = m.text().contains("```");
        }
        return new Signals(TokenCounter.count(request.messages()), turns, code, !request.tools().isEmpty(),
                request.hasImages(), request.wantsJson(), request.maxTokens() == null ? 0 : request.maxTokens());
    }
}
