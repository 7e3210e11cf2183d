package dev.gearbox.dispatch;

import dev.gearbox.chat.Usage;
import dev.gearbox.config.ResilienceConfig;
import dev.gearbox.error.Attempt;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import dev.gearbox.pipeline.AttemptRecord;
import dev.gearbox.pipeline.RequestContext;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One request's way through its plan of deployments. It starts the first step; a failure whose
 * class says "return" ends the request; "retry the same" waits (Retry-After or jittered backoff,
 * within the retry budget and the deadline) and calls the same deployment again; anything else
 * moves on to the next step, skipping deployments behind a rate limit found exhausted. When the
 * caller's tier has a latency budget and no answer (first token, for a stream) arrived within
 * it, the next step starts as well (a hedge): the first to answer wins and the others are
 * cancelled, their use still billed. Every call has first-byte, idle and total timeouts. All of it
 * runs on the request's event loop; time comes from the injected {@link Ticker}.
 */
final class Race<T> {
    /** Starts one leg's upstream call; reports back through {@link #headers}, {@link #won} and {@link #failed}. */
    @FunctionalInterface
    interface Launch<T> {
        void start(Leg leg, Race<T> race);
    }

    private final Dispatcher d;
    private final RequestContext ctx;
    private final List<Route> plan;
    private final Promise<T> done;
    private final Launch<T> launch;
    private final int estimatedTokens;
    private final long hedgeMs;
    private final int[] retriesPerStep;
    private final long deadline;
    private final List<Leg> live = new ArrayList<>(2);
    private final List<Attempt> failures = new ArrayList<>(2);
    private final Set<String> exhausted = new HashSet<>(2);
    private int cursor;
    private int retriesUsed;
    private int pendingRetries;
    private int hedges;
    private Ticker.Timer hedgeTimer = Ticker.Timer.NONE;
    private boolean finished;

    Race(Dispatcher d, RequestContext ctx, List<Route> plan, int estimatedTokens, Promise<T> done, Launch<T> launch) {
        this.d = d;
        this.ctx = ctx;
        this.plan = plan;
        this.done = done;
        this.launch = launch;
        this.estimatedTokens = estimatedTokens;
        this.hedgeMs = plan.size() > 1 ? d.settings().hedging().budgetMs(ctx.caller().tier()) : 0;
        this.retriesPerStep = new int[plan.size()];
        this.deadline = d.ticker().nanoTime() + d.settings().retries().deadlineMs() * 1_000_000L;
    }

    void start() {
        if (!advance()) {
            finished = true;
            done.fail(new GatewayError.Unavailable("Every deployment that could serve this request is cooling down "
                    + "after failures (circuit open).", null));
        }
    }

    /** Starts the next step not yet tried whose deployment may be called; false when none is left. */
    private boolean advance() {
        while (cursor < plan.size()) {
            int step = cursor++;
            Route r = plan.get(step);
            if (exhausted.contains(r.deployment().provider().name())) continue;
            if (!d.health().of(r.deployment()).breaker().acquire()) continue;
            launch(step);
            return true;
        }
        return false;
    }

    private void launch(int step) {
        Route r = plan.get(step);
        Health.State s = d.health().of(r.deployment());
        Leg leg = new Leg(step, r, d.ticker().nanoTime(), estimatedTokens);
        s.outstanding.incrementAndGet();
        s.picks.incrementAndGet();
        s.capacity().take(estimatedTokens);
        live.add(leg);
        ResilienceConfig.Timeouts t = d.settings().timeouts();
        leg.firstByte = d.ticker().schedule(t.firstByteMs(), () -> timeout(leg, "no response within the first-byte timeout of " + t.firstByteMs() + " ms"));
        leg.total = d.ticker().schedule(t.totalMs(), () -> timeout(leg, "not finished within the total timeout of " + t.totalMs() + " ms"));
        scheduleHedge();
        launch.start(leg, this);
    }

    private void scheduleHedge() {
        if (hedgeMs <= 0 || hedges >= d.settings().hedging().maxHedges() || finished) return;
        hedgeTimer.cancel();
        hedgeTimer = d.ticker().schedule(hedgeMs, () -> {
            if (finished || hedges >= d.settings().hedging().maxHedges()) return;
            hedges++;
            advance();
        });
    }

    RequestContext ctx() {
        return ctx;
    }

    Dispatcher dispatcher() {
        return d;
    }

    /** The provider's response headers arrived: the first-byte timeout is met; for a stream the idle watch starts. */
    void headers(Leg leg) {
        leg.firstByte.cancel();
        if (leg.live != null) watchIdle(leg, d.settings().timeouts().idleMs());
    }

    private void watchIdle(Leg leg, long ms) {
        leg.idle = d.ticker().schedule(ms, () -> {
            if (leg.live == null || leg.live.isClosed() || (leg.over && !leg.won)) return;
            long idle = d.settings().timeouts().idleMs();
            long silent = (d.ticker().nanoTime() - leg.live.lastActivityNanos()) / 1_000_000;
            if (silent >= idle) timeout(leg, "sent nothing for " + silent + " ms (idle timeout " + idle + " ms)");
            else watchIdle(leg, idle - silent);
        });
    }

    private void timeout(Leg leg, String what) {
        if (leg.over && !leg.won) return;
        String provider = leg.route.deployment().provider().name();
        GatewayError e = new GatewayError.UpstreamError(provider, leg.route.deployment().id(), 0, ErrorClass.TIMEOUT,
                "Upstream " + provider + " " + what + ".", null, null);
        if (leg.live != null) {
            leg.live.fail(e); // before the first chunk: fails the leg; after: ends the client's stream with an error event
            return;
        }
        failed(leg, e); // first, so the failure the abort causes is not taken for the reason
        leg.control.abort();
    }

    /** The leg answered (a complete response, or a stream's first chunk). */
    void won(Leg leg, T value) {
        if (leg.over) return;
        leg.won = true;
        live.remove(leg);
        Health.State s = d.health().of(leg.route.deployment());
        s.breaker().success();
        if (leg.live == null) settle(leg, s, -1);
        if (finished) return;
        finished = true;
        hedgeTimer.cancel();
        for (Leg other : List.copyOf(live)) cancel(other);
        live.clear();
        done.complete(value);
    }

    /** A committed stream is over: timers stop, the deployment's in-flight count and token bucket settle. */
    void streamClosed(Leg leg, ErrorClass failure, Usage usage) {
        if (!leg.won) return;
        Health.State s = d.health().of(leg.route.deployment());
        if (failure != null) s.breaker().failure(failure, null);
        settle(leg, s, usage.totalTokens());
    }

    private void settle(Leg leg, Health.State s, int actualTokens) {
        leg.cancelTimers();
        s.outstanding.decrementAndGet();
        if (actualTokens >= 0) s.capacity().settle(leg.estimatedTokens, actualTokens);
    }

    /** A hedge that lost: stop it and bill what it used (its prompt was read; a stream also what it generated). */
    private void cancel(Leg leg) {
        leg.over = true;
        Health.State s = d.health().of(leg.route.deployment());
        s.breaker().release();
        settle(leg, s, -1);
        if (leg.live != null) {
            leg.live.cancel(AttemptRecord.Kind.CANCELLED);
            return;
        }
        leg.control.abort();
        Usage u = Usage.of(ctx.signals() != null ? ctx.signals().inputTokens()
                : dev.gearbox.chat.TokenCounter.count(ctx.request().messages()), 0);
        long ms = (d.ticker().nanoTime() - leg.startNanos) / 1_000_000;
        ctx.addAttempt(new AttemptRecord(leg.route.deployment().id(), leg.route.deployment().provider().name(),
                leg.route.model().id(), LiveStream.CLIENT_CLOSED, null, ms, -1, u, leg.route.model().price().cost(u),
                AttemptRecord.Kind.CANCELLED));
    }

    /** The leg failed before answering; its attempt is recorded here unless its stream recorded it. */
    void failed(Leg leg, GatewayError e) {
        if (leg.over) return;
        leg.over = true;
        live.remove(leg);
        Health.State s = d.health().of(leg.route.deployment());
        GatewayError.UpstreamError u = e instanceof GatewayError.UpstreamError x ? x : null;
        s.breaker().failure(u == null ? ErrorClass.SERVER_ERROR : u.errorClass(), u == null ? null : u.retryAfter());
        settle(leg, s, 0);
        if (leg.live == null) Dispatcher.recordFailure(ctx, leg.route, e, (d.ticker().nanoTime() - leg.startNanos) / 1_000_000);
        if (finished) return;
        failures.add(u != null ? u.toAttempt() : new Attempt(leg.route.deployment().id(),
                leg.route.deployment().provider().name(), ErrorClass.SERVER_ERROR, 0, e.getMessage()));
        if (u != null && !u.errorClass().retriable()) {
            fail(e);
            return;
        }
        if (u != null && u.errorClass().action() == ErrorClass.Action.RETRY_SAME) {
            long wait = retryDelay(leg.step, u);
            if (wait >= 0) {
                pendingRetries++;
                d.ticker().schedule(wait, () -> {
                    pendingRetries--;
                    if (!finished) launch(leg.step);
                });
                return;
            }
            if (u.errorClass() == ErrorClass.RATE_LIMITED) exhausted.add(leg.route.deployment().provider().name());
        }
        if (advance() || !live.isEmpty() || pendingRetries > 0) return;
        if (failures.stream().map(Attempt::deployment).distinct().count() == 1) fail(e);
        else fail(new GatewayError.AllAttemptsFailed(failures, e.status()));
    }

    private void fail(GatewayError e) {
        finished = true;
        hedgeTimer.cancel();
        for (Leg other : List.copyOf(live)) cancel(other);
        live.clear();
        done.fail(e);
    }

    /** Milliseconds to wait before retrying step {@code i}, or -1 when it is not retried. */
    private long retryDelay(int i, GatewayError.UpstreamError u) {
        RetryPolicy retry = d.retry();
        int n = retriesPerStep[i];
        if (n >= retry.retriesPerDeployment() || retriesUsed >= retry.retryBudget()) return -1;
        long ms;
        if (u.retryAfter() != null) {
            if (u.retryAfter().compareTo(retry.maxRetryAfter()) > 0) return -1;
            ms = u.retryAfter().toMillis();
        } else {
            ms = retry.backoffMillis(n);
        }
        if (d.ticker().nanoTime() + ms * 1_000_000L > deadline) return -1;
        retriesPerStep[i] = n + 1;
        retriesUsed++;
        return ms;
    }
}
