package dev.gearbox.dispatch;

import dev.gearbox.config.ResilienceConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How the dispatcher retries the same deployment for error classes whose action is
 * {@code RETRY_SAME} (rate limited, server error): exponential backoff with full jitter (a delay
 * drawn uniformly from zero to {@code base x 2^n}, capped), or exactly the provider's
 * {@code Retry-After} when it gave one, as long as that is no longer than {@code maxRetryAfter}
 * and fits the request's overall deadline. Past that, the request moves on to the next candidate,
 * skipping deployments behind the same exhausted rate limit (same provider account and key).
 *
 * @param retriesPerDeployment retries of one deployment after its first failure
 * @param retryBudget          retries in all for one request
 * @param random               a uniform [0, 1) source for the jitter
 */
public record RetryPolicy(int retriesPerDeployment, int retryBudget, Duration base, Duration cap, Duration maxRetryAfter,
                          Duration deadline, DoubleSupplier random) {
    public static RetryPolicy from(ResilienceConfig.Retries r) {
        return new RetryPolicy(r.perDeployment(), r.budget(), Duration.ofMillis(r.baseMs()), Duration.ofMillis(r.capMs()),
                Duration.ofMillis(r.maxRetryAfterMs()), Duration.ofMillis(r.deadlineMs()),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The delay before retry number {@code n} (0-based): full jitter over the capped exponential. */
    public long backoffMillis(int n) {
        double ceiling = Math.min((double) cap.toMillis(), base.toMillis() * Math.pow(2, n));
        return (long) Math.floor(random.getAsDouble() * ceiling);
    }
}
