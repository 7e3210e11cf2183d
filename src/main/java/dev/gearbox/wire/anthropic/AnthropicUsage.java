package dev.gearbox.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.Usage;

/**
 * Anthropic's token counts as reported: {@code input_tokens} excludes cached tokens, which come
 * separately as {@code cache_read_input_tokens} and {@code cache_creation_input_tokens}. Canonical
 * usage counts input including both, so {@link #toCanonical} adds them back.
 */
public record AnthropicUsage(int inputTokens, int outputTokens, int cacheReadTokens, int cacheWriteTokens) {
    public static final AnthropicUsage ZERO = new AnthropicUsage(0, 0, 0, 0);

    /** Reads a {@code usage} object; absent fields (or an absent object) count as zero. */
    public static AnthropicUsage decode(JsonNode usage) {
        return ZERO.merge(usage);
    }

    /**
     * These counts with every field present in {@code usage} replacing ours. Streamed counts are
     * cumulative ({@code message_delta} repeats totals), so later values replace, never add.
     */
    public AnthropicUsage merge(JsonNode usage) {
        if (usage == null || !usage.isObject()) return this;
        return new AnthropicUsage(
                count(usage, "input_tokens", inputTokens),
                count(usage, "output_tokens", outputTokens),
                count(usage, "cache_read_input_tokens", cacheReadTokens),
                count(usage, "cache_creation_input_tokens", cacheWriteTokens));
    }

    /** Canonical usage: input includes cache reads and cache writes. */
    public Usage toCanonical() {
        return new Usage(inputTokens + cacheReadTokens + cacheWriteTokens, outputTokens, cacheReadTokens,
                cacheWriteTokens, 0);
    }

    private static int count(JsonNode usage, String field, int current) {
        JsonNode n = usage.get(field);
        return n != null && n.isNumber() ? n.intValue() : current;
    }
}
