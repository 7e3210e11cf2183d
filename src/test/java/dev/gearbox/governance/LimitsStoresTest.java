package dev.gearbox.governance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.error.GatewayError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The in-process and the Redis limits behave the same (the Redis server on 127.0.0.1:6379, as on
 * CI), on a clock the test sets; Redis admission is atomic under concurrency.
 */
class LimitsStoresTest {
    static Vertx vertx;
    final AtomicLong now = new AtomicLong(Instant.parse("2026-11-23T10:15:30Z").toEpochMilli());

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    Limits limits(String kind) {
        return kind.equals("memory") ? new LocalLimits(now::get)
                : new RedisLimits(vertx, "redis://127.0.0.1:6379", "gbx-test-" + UUID.randomUUID(), now::get);
    }

    static VirtualKey key(int rpm, int tpm, double daily, double monthly) {
        return new VirtualKey("vk_" + UUID.randomUUID().toString().substring(0, 8), "k", "t", null, List.of(), rpm, tpm, daily, monthly,
                0, null, "h");
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static String refusal(Future<?> f) throws Exception {
        try {
            await(f);
            return "admitted";
        } catch (java.util.concurrent.ExecutionException e) {
            return ((GatewayError) e.getCause()).code();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void requestsPerMinuteResetAtTheNextMinute(String kind) throws Exception {
        try (Limits l = limits(kind)) {
            VirtualKey k = key(2, 0, 0, 0);
            assertThat(refusal(l.admit(k, 10))).isEqualTo("admitted");
            assertThat(refusal(l.admit(k, 10))).isEqualTo("admitted");
            assertThat(refusal(l.admit(k, 10))).isEqualTo("rpm_limit_exceeded");
            now.addAndGet(30_000); // 10:16:00
            assertThat(refusal(l.admit(k, 10))).isEqualTo("admitted");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void tokensPerMinuteCountTheEstimateThenTheRealUse(String kind) throws Exception {
        try (Limits l = limits(kind)) {
            VirtualKey k = key(0, 1000, 0, 0);
            assertThat(refusal(l.admit(k, 600))).isEqualTo("admitted");
            assertThat(refusal(l.admit(k, 600))).isEqualTo("tpm_limit_exceeded");
            l.settle(k, 600, 100, 0); // it used 100: 500 tokens come back
            awaitSettled(l, k, 600);
        }
    }

    /** Settlement is asynchronous for Redis: wait until a request of {@code tokens} is admitted again. */
    void awaitSettled(Limits l, VirtualKey k, int tokens) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> refusal(l.admit(k, tokens)).equals("admitted"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void budgetsHoldPerUtcDayAndMonth(String kind) throws Exception {
        try (Limits l = limits(kind)) {
            VirtualKey k = key(0, 0, 1.00, 1.50);
            assertThat(await(l.admit(k, 0))).isEqualTo(1.00);
            l.settle(k, 0, 0, 0.60);
            org.awaitility.Awaitility.await().until(() -> Math.abs(await(l.admit(k, 0)) - 0.40) < 1e-9);
            l.settle(k, 0, 0, 0.45);
            org.awaitility.Awaitility.await().until(() -> refusal(l.admit(k, 0)).equals("daily_budget_exceeded"));
            now.set(Instant.parse("2026-11-24T00:00:01Z").toEpochMilli()); // a new day: the month has 0.45 left
            assertThat(await(l.admit(k, 0))).isCloseTo(0.45, org.assertj.core.data.Offset.offset(1e-9));
            l.settle(k, 0, 0, 0.50);
            org.awaitility.Awaitility.await().until(() -> refusal(l.admit(k, 0)).equals("monthly_budget_exceeded"));
            now.set(Instant.parse("2026-12-01T00:00:00Z").toEpochMilli());
            assertThat(refusal(l.admit(k, 0))).isEqualTo("admitted");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void concurrentAdmissionsNeverPassTheLimit(String kind) throws Exception {
        try (Limits l = limits(kind)) {
            VirtualKey k = key(50, 0, 0, 0);
            List<Future<Double>> all = new ArrayList<>();
            for (int i = 0; i < 300; i++) all.add(l.admit(k, 1));
            Future.join(all).toCompletionStage().toCompletableFuture().handle((v, e) -> null).get(20, TimeUnit.SECONDS);
            long admitted = all.stream().filter(Future::succeeded).count();
            assertThat(admitted).isEqualTo(50);
        }
    }
}
