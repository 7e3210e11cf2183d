package dev.gearbox.providers.simulated;

import io.vertx.core.Context;

/**
 * Runs an action on a given Vert.x context after a delay, so a provider with no network can take
 * the time a real model would without blocking a thread, and its futures complete on the caller's
 * event loop.
 */
public final class ContextTimer {
    private ContextTimer() {}

    /** Runs {@code action} on {@code context} after {@code delayMs} (at once, but never inline, when <= 0). */
    public static void after(Context context, long delayMs, Runnable action) {
        context.runOnContext(v -> {
            // Inside runOnContext the current context is ours, so the timer fires on it too.
            if (delayMs <= 0) action.run();
            else context.owner().setTimer(delayMs, id -> action.run());
        });
    }
}
