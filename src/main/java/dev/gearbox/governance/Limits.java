package dev.gearbox.governance;

import io.vertx.core.Future;

/**
 * Counts each key's requests and tokens per minute and its spend per UTC day and month, and
 * admits or refuses a request against the key's limits. Admission and counting are one atomic
 * step, so replicas sharing the counters ({@link RedisLimits}) cannot race past a limit; a
 * budget can be overspent only by the requests already in flight when it ran out.
 */
public interface Limits extends AutoCloseable {
    /**
     * Admits one request of about {@code estimatedTokens} for {@code key}, or fails with a
     * {@code GatewayError.RateLimited} naming the limit and when it resets. Completes with the
     * budget left in USD (the smaller of day and month), or null when the key has no budget.
     */
    Future<Double> admit(VirtualKey key, int estimatedTokens);

    /** The admitted request is over: the difference in tokens and its cost are counted. */
    void settle(VirtualKey key, int estimatedTokens, int actualTokens, double costUsd);

    @Override
    default void close() {}

    /** USD as whole micro-dollars, the unit counters hold. */
    static long micros(double usd) {
        return Math.round(usd * 1_000_000d);
    }
}
