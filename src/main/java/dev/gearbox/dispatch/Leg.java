package dev.gearbox.dispatch;

import dev.gearbox.providers.CallControl;

/**
 * One call to one deployment within a request's {@link Race}: its step in the plan, its timers and,
 * for a stream, the {@link LiveStream} once the provider accepted the call. {@code over} is set once
 * the race is done with it (it failed, timed out, or lost to a hedge); {@code won} once it answered.
 */
final class Leg {
    final int step;
    final Route route;
    final long startNanos;
    final int estimatedTokens;
    final CallControl control = new CallControl();
    LiveStream live;
    boolean over;
    boolean won;
    Ticker.Timer firstByte = Ticker.Timer.NONE;
    Ticker.Timer total = Ticker.Timer.NONE;
    Ticker.Timer idle = Ticker.Timer.NONE;

    Leg(int step, Route route, long startNanos, int estimatedTokens) {
        this.step = step;
        this.route = route;
        this.startNanos = startNanos;
        this.estimatedTokens = estimatedTokens;
    }

    void cancelTimers() {
        firstByte.cancel();
        total.cancel();
        idle.cancel();
    }
}
