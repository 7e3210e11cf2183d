package dev.gearbox.chat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens with OpenAI's o200k_base encoding (jtokkit). Other vendors' tokenizers differ by a
 * few percent; this is an estimate for routing and for providers that report no usage.
 */
public final class TokenCounter {
    private static final Encoding ENCODING = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    /** Per-message framing tokens in OpenAI's chat format. */
    public static final int PER_MESSAGE_OVERHEAD = 3;

    private TokenCounter() {}

    public static int count(String text) {
        return text == null || text.isEmpty() ? 0 : ENCODING.countTokensOrdinary(text);
    }

    /** Estimated prompt tokens of a request's messages (text parts; images are not counted). */
    public static int count(java.util.List<Message> messages) {
        int n = 3;
        for (Message m : messages) {
            n += PER_MESSAGE_OVERHEAD + count(m.text());
            for (ToolCall c : m.toolCalls()) n += count(c.name()) + count(c.arguments());
        }
        return n;
    }
}
