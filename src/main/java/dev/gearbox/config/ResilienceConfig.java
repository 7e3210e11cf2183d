package dev.gearbox.config;

import java.util.Map;

/**
 * How dispatch survives provider trouble: retries of the same deployment, circuit breakers,
 * timeouts, load balancing across a model's deployments, and hedging by caller tier. Every value
 * has a default, so the section is optional.
 */
public record ResilienceConfig(Retries retries, Breaker breaker, Timeouts timeouts, Balancing balancing, Hedging hedging) {
    public static final ResilienceConfig DEFAULTS = new ResilienceConfig(Retries.DEFAULTS, Breaker.DEFAULTS,
            Timeouts.DEFAULTS, Balancing.LEAST_OUTSTANDING, Hedging.OFF);

    /**
     * Retries of the same deployment for rate limits and server errors.
     *
     * @param perDeployment    retries of one deployment after its first failure
     * @param budget           retries in all for one request
     * @param baseMs           backoff base: retry n waits a uniform random time in [0, min(cap, base x 2^n))
     * @param capMs            backoff ceiling
     * @param maxRetryAfterMs  a Retry-After longer than this moves on to the next candidate instead
     * @param deadlineMs       the whole request's dispatch must finish within this
     */
    public record Retries(int perDeployment, int budget, long baseMs, long capMs, long maxRetryAfterMs, long deadlineMs) {
        public static final Retries DEFAULTS = new Retries(2, 3, 250, 4_000, 10_000, 120_000);
    }

    /**
     * A deployment's circuit opens after {@code consecutiveFailures} failures in a row, or when at
     * least {@code minCalls} calls in the last {@code windowMs} failed at {@code errorRate} or more;
     * it stays open {@code cooldownMs} (or the provider's Retry-After), then lets
     * {@code halfOpenProbes} calls through: a success closes it, a failure opens it again.
     */
    public record Breaker(int consecutiveFailures, double errorRate, int minCalls, long windowMs, long cooldownMs,
                          int halfOpenProbes) {
        public static final Breaker DEFAULTS = new Breaker(5, 0.5, 10, 30_000, 30_000, 1);
    }

    /**
     * @param connectMs   TCP (and TLS) connect to a provider; applies at start
     * @param firstByteMs from sending the request to the provider's response headers
     * @param idleMs      longest silence between two stream chunks (and before the first one)
     * @param totalMs     the whole call, stream included
     */
    public record Timeouts(long connectMs, long firstByteMs, long idleMs, long totalMs) {
        public static final Timeouts DEFAULTS = new Timeouts(10_000, 60_000, 60_000, 600_000);
    }

    /** How a model's deployments are ordered for each request. */
    public enum Balancing {
        /** Fewest requests in flight per unit of weight first; ties go to the one picked least. */
        LEAST_OUTSTANDING,
        /** A weighted random first pick, the rest by weight. */
        WEIGHTED,
        /** File order, always (a primary and its backups). */
        ORDERED
    }

    /**
     * Latency budgets by caller tier ({@code x-gearbox-tier}): when the first token has not arrived
     * within the budget, the next candidate is started as well and the first to answer wins.
     * {@code byTier} may hold {@code default} for callers with no tier or an unlisted one; 0 means no hedging.
     */
    public record Hedging(Map<String, Long> byTier, int maxHedges) {
        public static final Hedging OFF = new Hedging(Map.of(), 1);

        public Hedging {
            byTier = Map.copyOf(byTier);
        }

        /** The budget in milliseconds for a caller's tier, or 0 for none. */
        public long budgetMs(String tier) {
            Long ms = tier == null ? null : byTier.get(tier);
            if (ms == null) ms = byTier.get("default");
            return ms == null ? 0 : ms;
        }
    }
}
