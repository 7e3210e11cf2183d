package dev.gearbox.catalog;

import java.time.LocalDate;

/**
 * USD per one million tokens, with the date it was read and where. Cached input is what a cache
 * hit costs; cache write is what writing a cache entry costs (Anthropic), null when the provider
 * does not charge separately. Long-context pricing tiers are not modelled.
 */
public record Price(double inputPerMTok, double outputPerMTok, Double cachedInputPerMTok,
                    Double cacheWritePerMTok, LocalDate asOf, String source) {

    /**
     * USD for one call. Usage counts cached and cache-write tokens inside {@code inputTokens}, so
     * they are taken out of the plain-input share and priced at their own rates (plain input when
     * the provider has no separate rate); reasoning tokens are output tokens.
     */
    public double cost(dev.gearbox.chat.Usage u) {
        int plainInput = Math.max(0, u.inputTokens() - u.cachedInputTokens() - u.cacheWriteTokens());
        double cached = cachedInputPerMTok == null ? inputPerMTok : cachedInputPerMTok;
        double write = cacheWritePerMTok == null ? inputPerMTok : cacheWritePerMTok;
        return (plainInput * inputPerMTok + u.cachedInputTokens() * cached + u.cacheWriteTokens() * write
                + u.outputTokens() * outputPerMTok) / 1_000_000.0;
    }
}
