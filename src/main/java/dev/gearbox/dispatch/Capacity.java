package dev.gearbox.dispatch;

import java.util.function.LongSupplier;

/**
 * A deployment's known rate limits (requests and tokens per minute, from config) as two token
 * buckets that refill continuously and hold at most one minute's allowance. Dispatch takes from
 * them when it sends a request (tokens estimated from the prompt and max_tokens) and settles the
 * difference when the real usage is known, so the router can avoid a deployment before the
 * provider answers 429. A limit of 0 means unknown: never short.
 */
public final class Capacity {
    private final int rpm;
    private final int tpm;
    private final LongSupplier nanoTime;
    private double requests;
    private double tokens;
    private long last;

    public Capacity(int rpm, int tpm, LongSupplier nanoTime) {
        this.rpm = rpm;
        this.tpm = tpm;
        this.nanoTime = nanoTime;
        this.requests = rpm;
        this.tokens = tpm;
        this.last = nanoTime.getAsLong();
    }

    public int rpm() { return rpm; }
    public int tpm() { return tpm; }

    /** Whether one more request of about {@code estimatedTokens} fits now. */
    public synchronized boolean has(int estimatedTokens) {
        refill();
        return (rpm == 0 || requests >= 1) && (tpm == 0 || tokens >= Math.min(estimatedTokens, tpm));
    }

    public synchronized void take(int estimatedTokens) {
        refill();
        if (rpm > 0) requests -= 1;
        if (tpm > 0) tokens -= estimatedTokens;
    }

    /** The call used {@code actual} tokens where {@code estimated} were taken. */
    public synchronized void settle(int estimated, int actual) {
        if (tpm > 0) tokens -= (actual - estimated);
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        double minutes = (now - last) / 60e9;
        last = now;
        if (minutes <= 0) return;
        if (rpm > 0) requests = Math.min(rpm, requests + rpm * minutes);
        if (tpm > 0) tokens = Math.min(tpm, tokens + tpm * minutes);
    }
}
