package dev.gearbox.dispatch;

import dev.gearbox.config.ResilienceConfig;
import dev.gearbox.error.ErrorClass;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One deployment's circuit breaker. Closed, it lets every call through and counts outcomes in a
 * sliding window; it opens after {@code consecutiveFailures} failures in a row or when the window's
 * error rate reaches the threshold over at least {@code minCalls} calls, or at once when the
 * provider says how long to stay away (Retry-After). Open, it refuses calls until the cool-down
 * ends; then it is half-open and lets a few probes through: a success closes it, a failure opens
 * it again. A wait the provider named is different: the provider said when it will take calls
 * again, so when that wait is over the breaker closes at once instead of throttling all traffic
 * to a probe (the soak run found a 1% rate of 429s turning into 22% refusals that way). Failures that are the request's fault (bad request, content policy, context length)
 * never count. Shared by every event loop, so its methods are synchronized (short, uncontended).
 */
public final class Breaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** Told of every state change, for logs and metrics. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (id, from, to, why) -> {};

        void changed(String deployment, State from, State to, String why);
    }

    private static final int SLOTS = 10;

    private final String deployment;
    private final ResilienceConfig.Breaker settings;
    private final LongSupplier nanoTime;
    private final Listener listener;
    private final long slotNanos;
    private final long[] slotStart = new long[SLOTS];
    private final int[] calls = new int[SLOTS];
    private final int[] failures = new int[SLOTS];
    private State state = State.CLOSED;
    private long openUntil;
    private int consecutive;
    private int probes;
    /** The breaker is open for a wait the provider named (Retry-After), not for failures it counted. */
    private boolean namedWait;

    public Breaker(String deployment, ResilienceConfig.Breaker settings, LongSupplier nanoTime, Listener listener) {
        this.deployment = deployment;
        this.settings = settings;
        this.nanoTime = nanoTime;
        this.listener = listener;
        this.slotNanos = Math.max(1, settings.windowMs() * 1_000_000L / SLOTS);
    }

    /** Whether an error of this class says something about the deployment (not about the request). */
    public static boolean counts(ErrorClass c) {
        return switch (c) {
            case BAD_REQUEST, CONTENT_POLICY, CONTEXT_LENGTH -> false;
            default -> true;
        };
    }

    public synchronized State state() {
        refresh();
        return state;
    }

    /** Whether a call may go through now, without taking a probe slot (for routing and planning). */
    public synchronized boolean allows() {
        refresh();
        return state == State.CLOSED || (state == State.HALF_OPEN && probes < settings.halfOpenProbes());
    }

    /** Takes the right to call: always when closed; one of the probe slots when half-open. */
    public synchronized boolean acquire() {
        refresh();
        if (state == State.CLOSED) return true;
        if (state == State.HALF_OPEN && probes < settings.halfOpenProbes()) {
            probes++;
            return true;
        }
        return false;
    }

    /** A call that took a slot ended without an outcome (cancelled): give the slot back. */
    public synchronized void release() {
        if (state == State.HALF_OPEN && probes > 0) probes--;
    }

    /** Milliseconds until an open breaker lets a probe through (0 when not open). */
    public synchronized long remainingMillis() {
        refresh();
        return state == State.OPEN ? Math.max(0, (openUntil - nanoTime.getAsLong()) / 1_000_000) : 0;
    }

    public synchronized void success() {
        refresh();
        count(false);
        consecutive = 0;
        if (state == State.HALF_OPEN) {
            probes = 0;
            clearWindow();
            move(State.CLOSED, "probe succeeded");
        }
    }

    /** A failed call; {@code retryAfter}, when the provider gave one, is how long to stay open. */
    public synchronized void failure(ErrorClass cls, Duration retryAfter) {
        if (!counts(cls)) return;
        refresh();
        count(true);
        consecutive++;
        String name = cls.name().toLowerCase(java.util.Locale.ROOT);
        if (state == State.HALF_OPEN) {
            open(cooldown(retryAfter), "probe failed (" + name + ")");
        } else if (state == State.CLOSED) {
            if (retryAfter != null && !retryAfter.isZero()) {
                open(retryAfter.toMillis(), name + " with Retry-After " + retryAfter.toMillis() + " ms");
                namedWait = consecutive < settings.consecutiveFailures();
            } else if (consecutive >= settings.consecutiveFailures()) {
                open(settings.cooldownMs(), consecutive + " consecutive failures (last: " + name + ")");
            } else {
                int n = 0, f = 0;
                for (int i = 0; i < SLOTS; i++) {
                    n += calls[i];
                    f += failures[i];
                }
                if (n >= settings.minCalls() && f >= settings.errorRate() * n) {
                    open(settings.cooldownMs(), String.format(java.util.Locale.ROOT, "error rate %.0f%% over %d calls", 100.0 * f / n, n));
                }
            }
        }
    }

    private long cooldown(Duration retryAfter) {
        return retryAfter != null && !retryAfter.isZero() ? retryAfter.toMillis() : settings.cooldownMs();
    }

    private void open(long ms, String why) {
        openUntil = nanoTime.getAsLong() + ms * 1_000_000L;
        probes = 0;
        namedWait = false;
        move(State.OPEN, why + "; cool-down " + ms + " ms");
    }

    private void refresh() {
        if (state != State.OPEN || nanoTime.getAsLong() - openUntil < 0) return;
        if (namedWait) {
            namedWait = false;
            consecutive = 0;
            move(State.CLOSED, "the provider's Retry-After is over");
        } else {
            move(State.HALF_OPEN, "cool-down over");
        }
    }

    private void move(State to, String why) {
        State from = state;
        state = to;
        if (from != to) listener.changed(deployment, from, to, why);
    }

    private void count(boolean failed) {
        long now = nanoTime.getAsLong();
        long slot = Math.floorDiv(now, slotNanos);
        int i = (int) Math.floorMod(slot, SLOTS);
        if (slotStart[i] != slot) {
            slotStart[i] = slot;
            calls[i] = 0;
            failures[i] = 0;
        }
        // slots older than the window still hold counts until reused: drop them
        for (int j = 0; j < SLOTS; j++) {
            if (slot - slotStart[j] >= SLOTS) {
                calls[j] = 0;
                failures[j] = 0;
            }
        }
        calls[i]++;
        if (failed) failures[i]++;
    }

    private void clearWindow() {
        java.util.Arrays.fill(calls, 0);
        java.util.Arrays.fill(failures, 0);
    }
}
