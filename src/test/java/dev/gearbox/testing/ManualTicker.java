package dev.gearbox.testing;

import dev.gearbox.dispatch.Ticker;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A dispatch clock the test moves by hand: time stands still until {@link #advance}, which runs
 * every task that fell due, in time order, on the event loop that scheduled it. Tests wait for a
 * task to be scheduled ({@link #pendingDelays}) instead of sleeping.
 */
public final class ManualTicker implements Ticker {
    private record Task(long due, long delayMs, Runnable run, Context context, long seq) {}

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicLong seq = new AtomicLong();
    private final List<Task> tasks = new ArrayList<>();
    private final List<Long> scheduled = new ArrayList<>();

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public synchronized Timer schedule(long millis, Runnable task) {
        Task t = new Task(now.get() + Math.max(0, millis) * 1_000_000L, millis, task, Vertx.currentContext(), seq.incrementAndGet());
        tasks.add(t);
        scheduled.add(millis);
        return () -> {
            synchronized (ManualTicker.this) {
                tasks.remove(t);
            }
        };
    }

    /** Delays of the tasks still waiting, in scheduling order. */
    public synchronized List<Long> pendingDelays() {
        return tasks.stream().sorted(Comparator.comparingLong(Task::seq)).map(Task::delayMs).toList();
    }

    /** Every delay ever scheduled, in order. */
    public synchronized List<Long> scheduledDelays() {
        return List.copyOf(scheduled);
    }

    /** Moves time on by {@code millis}, running each task that falls due (and waiting for it to run). */
    public void advance(long millis) {
        long target = now.get() + millis * 1_000_000L;
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.due() <= target)
                        .min(Comparator.comparingLong(Task::due).thenComparingLong(Task::seq)).orElse(null);
                if (next == null) break;
                tasks.remove(next);
                now.set(Math.max(now.get(), next.due()));
            }
            run(next);
        }
        now.set(target);
    }

    private static void run(Task t) {
        if (t.context() == null) {
            t.run().run();
            return;
        }
        CountDownLatch ran = new CountDownLatch(1);
        t.context().runOnContext(v -> {
            try {
                t.run().run();
            } finally {
                ran.countDown();
            }
        });
        try {
            if (!ran.await(10, TimeUnit.SECONDS)) throw new AssertionError("a scheduled task did not run within 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
