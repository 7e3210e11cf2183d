package dev.gearbox.providers.simulated;

import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.chat.Usage;
import java.util.List;

/** What the simulated model says: text, or one tool call when {@code toolCall} is set. */
record SimulatedAnswer(String text, ToolCall toolCall, FinishReason finishReason, Usage usage) {

    Message message() {
        if (toolCall != null) return new Message(Role.ASSISTANT, List.of(), null, List.of(toolCall), null);
        return Message.text(Role.ASSISTANT, text);
    }
}
