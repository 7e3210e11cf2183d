package dev.gearbox.dispatch;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The dispatch stage's clock: the time now, and tasks to run later on the caller's event loop
 * (timeouts, hedges, breaker cool-downs). Production uses {@link #vertx}; tests use a manual
 * ticker they advance, so every time-dependent behaviour is tested without waiting.
 */
public interface Ticker {
    long nanoTime();

    /** Runs {@code task} after {@code millis} on the event loop that called this. */
    Timer schedule(long millis, Runnable task);

    /** A scheduled task that can still be cancelled. */
    @FunctionalInterface
    interface Timer {
        Timer NONE = () -> {};

        void cancel();
    }

    /** System time and Vert.x timers: a task scheduled from an event loop runs on that event loop. */
    static Ticker vertx(Vertx vertx) {
        return new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Timer schedule(long millis, Runnable task) {
                Context ctx = Vertx.currentContext();
                if (ctx == null) {
                    long id = vertx.setTimer(Math.max(1, millis), t -> task.run());
                    return () -> vertx.cancelTimer(id);
                }
                long id = ctx.owner().setTimer(Math.max(1, millis), t -> task.run());
                return () -> ctx.owner().cancelTimer(id);
            }
        };
    }
}
