package dev.gearbox.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.config.ResilienceConfig;
import dev.gearbox.error.ErrorClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The breaker's state machine on a hand-moved clock. */
class BreakerTest {
    final AtomicLong now = new AtomicLong();
    final List<String> changes = new ArrayList<>();
    final ResilienceConfig.Breaker settings = new ResilienceConfig.Breaker(3, 0.5, 10, 10_000, 30_000, 1);
    final Breaker breaker = new Breaker("acct/model", settings, now::get, (id, from, to, why) -> changes.add(from + ">" + to + ": " + why));

    void advanceMs(long ms) {
        now.addAndGet(ms * 1_000_000L);
    }

    @Test
    void opensAfterConsecutiveFailuresAndProbesAfterTheCooldown() {
        breaker.failure(ErrorClass.SERVER_ERROR, null);
        breaker.failure(ErrorClass.CONNECTION, null);
        assertThat(breaker.allows()).isTrue();
        breaker.failure(ErrorClass.TIMEOUT, null);
        assertThat(breaker.state()).isEqualTo(Breaker.State.OPEN);
        assertThat(breaker.acquire()).isFalse();
        assertThat(breaker.remainingMillis()).isEqualTo(30_000);
        assertThat(changes).containsExactly("CLOSED>OPEN: 3 consecutive failures (last: timeout); cool-down 30000 ms");

        advanceMs(29_999);
        assertThat(breaker.allows()).isFalse();
        advanceMs(1);
        assertThat(breaker.state()).isEqualTo(Breaker.State.HALF_OPEN);
        assertThat(breaker.acquire()).isTrue();   // the one probe
        assertThat(breaker.acquire()).isFalse();  // no second probe while it is out
        breaker.success();
        assertThat(breaker.state()).isEqualTo(Breaker.State.CLOSED);
        assertThat(changes).last().isEqualTo("HALF_OPEN>CLOSED: probe succeeded");
    }

    @Test
    void aFailedProbeOpensItAgain() {
        for (int i = 0; i < 3; i++) breaker.failure(ErrorClass.SERVER_ERROR, null);
        advanceMs(30_000);
        assertThat(breaker.acquire()).isTrue();
        breaker.failure(ErrorClass.OVERLOADED, null);
        assertThat(breaker.state()).isEqualTo(Breaker.State.OPEN);
        assertThat(breaker.remainingMillis()).isEqualTo(30_000);
    }

    @Test
    void retryAfterSetsTheCooldown() {
        breaker.failure(ErrorClass.RATE_LIMITED, Duration.ofSeconds(7));
        assertThat(breaker.state()).isEqualTo(Breaker.State.OPEN);
        assertThat(breaker.remainingMillis()).isEqualTo(7_000);
        advanceMs(7_000);
        assertThat(breaker.allows()).isTrue();
    }

    @Test
    void retryAfterOpenClosesWhenTheWaitIsOverInsteadOfThrottlingToOneProbe() {
        breaker.failure(ErrorClass.RATE_LIMITED, Duration.ofSeconds(2));
        advanceMs(2_000);
        assertThat(breaker.state()).isEqualTo(Breaker.State.CLOSED);
        // every caller goes through at once, not one probe at a time
        assertThat(breaker.acquire()).isTrue();
        assertThat(breaker.acquire()).isTrue();
        assertThat(changes).containsExactly("CLOSED>OPEN: rate_limited with Retry-After 2000 ms; cool-down 2000 ms",
                "OPEN>CLOSED: the provider's Retry-After is over");
    }

    @Test
    void aRetryAfterThatEndsARunOfFailuresStillProbes() {
        breaker.failure(ErrorClass.SERVER_ERROR, null);
        breaker.failure(ErrorClass.SERVER_ERROR, null);
        breaker.failure(ErrorClass.OVERLOADED, Duration.ofSeconds(1)); // third in a row: the deployment is failing, not just busy
        advanceMs(1_000);
        assertThat(breaker.state()).isEqualTo(Breaker.State.HALF_OPEN);
        assertThat(breaker.acquire()).isTrue();
        assertThat(breaker.acquire()).isFalse();
    }

    @Test
    void opensOnTheErrorRateOverTheWindow() {
        // alternate: never three in a row, but half of at least ten calls fail
        for (int i = 0; i < 9; i++) {
            if (i % 2 == 0) breaker.success();
            else breaker.failure(ErrorClass.SERVER_ERROR, null);
            advanceMs(100);
        }
        assertThat(breaker.state()).isEqualTo(Breaker.State.CLOSED);
        breaker.failure(ErrorClass.SERVER_ERROR, null); // 10 calls, 5 failed
        assertThat(breaker.state()).isEqualTo(Breaker.State.OPEN);
        assertThat(changes.get(0)).contains("error rate 50% over 10 calls");
    }

    @Test
    void oldCallsLeaveTheWindow() {
        for (int i = 0; i < 9; i++) {
            if (i % 2 == 0) breaker.success();
            else breaker.failure(ErrorClass.SERVER_ERROR, null);
        }
        advanceMs(20_000); // the window is 10 s: those calls no longer count
        breaker.failure(ErrorClass.SERVER_ERROR, null);
        assertThat(breaker.state()).isEqualTo(Breaker.State.CLOSED);
    }

    @Test
    void theRequestsOwnFaultsNeverCount() {
        for (int i = 0; i < 20; i++) {
            breaker.failure(ErrorClass.BAD_REQUEST, null);
            breaker.failure(ErrorClass.CONTENT_POLICY, null);
            breaker.failure(ErrorClass.CONTEXT_LENGTH, null);
        }
        assertThat(breaker.state()).isEqualTo(Breaker.State.CLOSED);
        assertThat(changes).isEmpty();
    }

    @Test
    void capacityBucketsRefillOverAMinute() {
        Capacity c = new Capacity(2, 1_000, now::get);
        assertThat(c.has(400)).isTrue();
        c.take(400);
        c.take(400);
        assertThat(c.has(100)).isFalse();        // out of requests
        advanceMs(30_000);                      // half a minute: one request and 500 tokens back (200 + 500)
        assertThat(c.has(701)).isFalse();
        assertThat(c.has(700)).isTrue();
        c.take(700);
        assertThat(c.has(1)).isFalse();         // no request left either
        c.settle(700, 100);                     // it used only 100: 600 tokens come back
        advanceMs(30_000);                      // + one request, + 500 tokens (capped at 1000)
        assertThat(c.has(1_000)).isTrue();
    }
}
