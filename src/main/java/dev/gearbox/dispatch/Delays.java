package dev.gearbox.dispatch;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Runs something later: a Vert.x timer on the caller's event loop in the gateway; tests record and run at once. */
@FunctionalInterface
public interface Delays {
    void after(long millis, Runnable task);

    /** The event loop's timer (the dispatcher always fails over on its request's event loop). */
    Delays VERTX = (millis, task) -> {
        Context ctx = Vertx.currentContext();
        if (ctx == null || millis <= 0) {
            if (ctx != null) ctx.runOnContext(v -> task.run());
            else task.run();
            return;
        }
        ctx.owner().setTimer(millis, id -> task.run());
    };
}
