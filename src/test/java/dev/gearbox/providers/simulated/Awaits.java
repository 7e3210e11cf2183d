package dev.gearbox.providers.simulated;

import static org.awaitility.Awaitility.await;

import dev.gearbox.error.GatewayError;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.core.ConditionFactory;

/** Waits for Vert.x futures and conditions from a test thread, polling often so fast streams make fast tests. */
public final class Awaits {
    private Awaits() {}

    /** An await that checks at once and then every few milliseconds, for at most five seconds. */
    public static ConditionFactory soon() {
        return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(5));
    }

    public static <T> T result(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("future did not complete", e);
        }
    }

    public static GatewayError failure(Future<?> f) {
        try {
            Object value = f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected failure, got " + value);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GatewayError g) return g;
            throw new AssertionError("expected a GatewayError", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("future did not complete", e);
        }
    }
}
