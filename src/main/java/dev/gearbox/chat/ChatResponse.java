package dev.gearbox.chat;

import java.util.List;

/** A complete (non-streamed) answer in canonical form; {@code model} is what the upstream reported. */
public record ChatResponse(String id, String model, List<Choice> choices, Usage usage) {
    public ChatResponse {
        choices = List.copyOf(choices);
        if (usage == null) usage = Usage.ZERO;
    }

    public Message firstMessage() {
        return choices.isEmpty() ? null : choices.get(0).message();
    }
}
