package dev.gearbox.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.chat.Usage;
import dev.gearbox.wire.anthropic.AnthropicUsage;
import dev.gearbox.wire.gemini.GeminiResponses;
import dev.gearbox.wire.openai.OpenAiResponses;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

/**
 * Worked examples, one per provider, from the usage a provider reports on the wire to the dollars
 * the ledger records, with the catalog's list prices (USD per 1M tokens; sources in catalog.yaml).
 * Each provider counts cached and reasoning tokens differently; the arithmetic is spelled out.
 */
class ProviderPricingTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Catalog CATALOG = Catalog.shipped();

    static double cost(String model, Usage u) {
        return CATALOG.require(model).price().cost(u);
    }

    @Test
    void openAiCachedPromptTokensAreInsidePromptTokensAndReasoningInsideCompletionTokens() {
        // gpt-4.1-mini: input 0.40, cached input 0.10, output 1.60.
        // 10,000 prompt tokens of which 6,000 cached; 2,000 completion tokens of which 500 reasoning.
        // 4,000 x 0.40 + 6,000 x 0.10 + 2,000 x 1.60 = 1,600 + 600 + 3,200 = 5,400 per 1M = $0.0054
        Usage u = OpenAiResponses.parse(Buffer.buffer("""
                {"id":"c","object":"chat.completion","created":1,"model":"gpt-4.1-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":10000,"completion_tokens":2000,"total_tokens":12000,
                          "prompt_tokens_details":{"cached_tokens":6000},
                          "completion_tokens_details":{"reasoning_tokens":500}}}""")).usage();
        assertThat(u.inputTokens()).isEqualTo(10_000);
        assertThat(u.cachedInputTokens()).isEqualTo(6_000);
        assertThat(u.outputTokens()).isEqualTo(2_000);
        assertThat(u.reasoningTokens()).isEqualTo(500);
        assertThat(cost("gpt-4.1-mini", u)).isCloseTo(0.0054, within(1e-12));
    }

    @Test
    void anthropicCacheReadsAndWritesAreOutsideInputTokensAndPricedApart() throws Exception {
        // claude-sonnet-4-5: input 3.00, cache read 0.30, cache write (5 min) 3.75, output 15.00.
        // input_tokens 1,000 (uncached), cache_read 20,000, cache_creation 5,000, output 800:
        // 1,000 x 3 + 20,000 x 0.30 + 5,000 x 3.75 + 800 x 15 = 3,000 + 6,000 + 18,750 + 12,000
        // = 39,750 per 1M = $0.03975
        Usage u = AnthropicUsage.decode(JSON.readTree("""
                {"input_tokens":1000,"output_tokens":800,"cache_read_input_tokens":20000,"cache_creation_input_tokens":5000}""")).toCanonical();
        assertThat(u.inputTokens()).isEqualTo(26_000);
        assertThat(u.cachedInputTokens()).isEqualTo(20_000);
        assertThat(u.cacheWriteTokens()).isEqualTo(5_000);
        assertThat(cost("claude-sonnet-4-5", u)).isCloseTo(0.03975, within(1e-12));
    }

    @Test
    void geminiCachedContentIsInsidePromptAndThoughtsAreBilledAsOutput() throws Exception {
        // gemini-2.5-pro (prompts up to 200k): input 1.25, cached 0.31, output (thinking included) 10.00.
        // promptTokenCount 10,000 of which cachedContentTokenCount 8,000; candidates 1,000; thoughts 3,000:
        // 2,000 x 1.25 + 8,000 x 0.31 + (1,000 + 3,000) x 10 = 2,500 + 2,480 + 40,000 = 44,980 per 1M = $0.04498
        Usage u = GeminiResponses.usage(JSON.readTree("""
                {"promptTokenCount":10000,"cachedContentTokenCount":8000,"candidatesTokenCount":1000,
                 "thoughtsTokenCount":3000,"totalTokenCount":14000}"""));
        assertThat(u.inputTokens()).isEqualTo(10_000);
        assertThat(u.cachedInputTokens()).isEqualTo(8_000);
        assertThat(u.outputTokens()).isEqualTo(4_000);
        assertThat(u.reasoningTokens()).isEqualTo(3_000);
        assertThat(cost("gemini-2.5-pro", u)).isCloseTo(0.04498, within(1e-12));
    }
}
