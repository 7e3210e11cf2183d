package dev.gearbox.chat;

import java.util.List;

/**
 * One conversation turn. Assistant turns may carry tool calls; tool turns answer one call
 * by {@code toolCallId}. Content is always a list of parts (a plain string becomes one Text).
 */
public record Message(Role role, List<ContentPart> content, String name, List<ToolCall> toolCalls, String toolCallId) {
    public Message {
        content = content == null ? List.of() : List.copyOf(content);
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public static Message text(Role role, String text) {
        return new Message(role, List.of(new ContentPart.Text(text)), null, null, null);
    }

    /** All text parts joined with newlines; images are skipped. */
    public String text() {
        if (content.size() == 1 && content.get(0) instanceof ContentPart.Text t) return t.text();
        StringBuilder sb = new StringBuilder();
        for (ContentPart p : content) {
            if (p instanceof ContentPart.Text t) {
                if (!sb.isEmpty()) sb.append('\n');
                sb.append(t.text());
            }
        }
        return sb.toString();
    }

    public boolean hasImage() {
        for (ContentPart p : content) if (p instanceof ContentPart.Image) return true;
        return false;
    }
}
