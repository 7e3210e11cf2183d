package dev.gearbox.chat;

/**
 * One part of a message's content. Text and images are all the canonical model carries;
 * richer provider parts are passed through by the OpenAI-compatible adapter only.
 */
public sealed interface ContentPart {

    /** Plain text. {@code cache} marks a prompt-caching breakpoint (Anthropic cache_control). */
    record Text(String text, boolean cache) implements ContentPart {
        public Text(String text) {
            this(text, false);
        }
    }

    /**
     * An image by URL: an https URL or a {@code data:} URL with base64 bytes.
     * {@code detail} is OpenAI's low/high/auto hint, null when absent.
     */
    record Image(String url, String detail) implements ContentPart {
        /** The media type of a data URL ("image/png"), or null for a remote URL. */
        public String dataMediaType() {
            if (!url.startsWith("data:")) return null;
            int semi = url.indexOf(';');
            return semi > 5 ? url.substring(5, semi) : null;
        }

        /** The base64 payload of a data URL, or null for a remote URL. */
        public String dataBase64() {
            int comma = url.indexOf(',');
            return url.startsWith("data:") && comma > 0 ? url.substring(comma + 1) : null;
        }
    }
}
