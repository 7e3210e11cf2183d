package dev.gearbox.chat;

/**
 * Token counts of one upstream call. {@code inputTokens} includes cached and cache-write tokens
 * (OpenAI's convention); {@code outputTokens} includes reasoning tokens. Pricing splits them out.
 */
public record Usage(int inputTokens, int outputTokens, int cachedInputTokens, int cacheWriteTokens, int reasoningTokens) {
    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

    public static Usage of(int input, int output) {
        return new Usage(input, output, 0, 0, 0);
    }

    public int totalTokens() {
        return inputTokens + outputTokens;
    }

    public Usage plus(Usage o) {
        if (o == null) return this;
        return new Usage(inputTokens + o.inputTokens, outputTokens + o.outputTokens,
                cachedInputTokens + o.cachedInputTokens, cacheWriteTokens + o.cacheWriteTokens,
                reasoningTokens + o.reasoningTokens);
    }
}
