package dev.gearbox.catalog;

import java.time.LocalDate;

/**
 * USD per one million tokens, with the date it was read and where. Cached input is what a cache
 * hit costs; cache write is what writing a cache entry costs (Anthropic), null when the provider
 * does not charge separately. Long-context pricing tiers are not modelled.
 */
public record Price(double inputPerMTok, double outputPerMTok, Double cachedInputPerMTok,
                    Double cacheWritePerMTok, LocalDate asOf, String source) {}
