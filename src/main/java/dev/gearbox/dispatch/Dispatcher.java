package dev.gearbox.dispatch;

import dev.gearbox.catalog.Fleet;
import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.Usage;
import dev.gearbox.config.Deployment;
import dev.gearbox.error.Attempt;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import dev.gearbox.pipeline.AttemptRecord;
import dev.gearbox.pipeline.RequestContext;
import dev.gearbox.policy.Candidate;
import dev.gearbox.providers.ProviderAdapter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The dispatch stage: walks the decision's candidates (each model's deployments in turn) until one
 * answers. An error whose class says "return" goes straight back to the client; others move on to
 * the next step. A stream is committed to a deployment only when its first real chunk arrives, so
 * a failure before that can still fall back; after it, failures are the stream's to report.
 */
public final class Dispatcher {
    /** Most steps tried for one request, however many candidates the decision lists. */
    public static final int MAX_ATTEMPTS = 4;

    private final Fleet fleet;
    private final Map<String, ProviderAdapter> adapters;
    private final LongSupplier nanoTime;
    private final RetryPolicy retry;
    private final Delays delays;

    public Dispatcher(Fleet fleet, Map<String, ProviderAdapter> adaptersByProvider, LongSupplier nanoTime) {
        this(fleet, adaptersByProvider, nanoTime, RetryPolicy.DEFAULT, Delays.VERTX);
    }

    public Dispatcher(Fleet fleet, Map<String, ProviderAdapter> adaptersByProvider, LongSupplier nanoTime,
                      RetryPolicy retry, Delays delays) {
        this.fleet = fleet;
        this.adapters = Map.copyOf(adaptersByProvider);
        this.nanoTime = nanoTime;
        this.retry = retry;
        this.delays = delays;
    }

    /** One request's retry state: retries per plan step, in all, the deadline, and rate limits found exhausted. */
    private final class Tries {
        final int[] perStep;
        int used;
        final long deadline;
        final java.util.Set<String> exhausted = new java.util.HashSet<>();

        Tries(int steps) {
            perStep = new int[steps];
            deadline = nanoTime.getAsLong() + retry.deadline().toNanos();
        }

        /** Milliseconds to wait before retrying step {@code i}, or -1 when it is not retried. */
        long delay(int i, GatewayError.UpstreamError u) {
            int n = perStep[i];
            if (n >= retry.retriesPerDeployment() || used >= retry.retryBudget()) return -1;
            long ms;
            if (u.retryAfter() != null) {
                if (u.retryAfter().compareTo(retry.maxRetryAfter()) > 0) return -1;
                ms = u.retryAfter().toMillis();
            } else {
                ms = retry.backoffMillis(n);
            }
            if (nanoTime.getAsLong() + ms * 1_000_000L > deadline) return -1;
            perStep[i] = n + 1;
            used++;
            return ms;
        }
    }

    public Future<Served> chat(RequestContext ctx) {
        List<Route> plan = plan(ctx);
        Promise<Served> done = Promise.promise();
        chatStep(ctx, plan, 0, new ArrayList<>(), done, new Tries(plan.size()));
        return done.future();
    }

    private void chatStep(RequestContext ctx, List<Route> plan, int i, List<Attempt> failures, Promise<Served> done, Tries t) {
        Route r = plan.get(i);
        long start = nanoTime.getAsLong();
        ChatRequest req = ctx.request().withModel(r.model().id());
        r.adapter().chat(r.deployment(), req).onComplete(ar -> {
            long ms = (nanoTime.getAsLong() - start) / 1_000_000;
            if (ar.succeeded()) {
                Usage u = ar.result().usage();
                ctx.addAttempt(new AttemptRecord(r.deployment().id(), r.deployment().provider().name(), r.model().id(),
                        200, null, ms, -1, u, r.model().price().cost(u)));
                done.complete(new Served(ar.result(), r.model(), r.deployment()));
                return;
            }
            GatewayError e = asGatewayError(ar.cause());
            recordFailure(ctx, r, e, ms);
            next(plan, i, failures, e, done, t, j -> chatStep(ctx, plan, j, failures, done, t));
        });
    }

    /** Completes with a committed stream (first chunk received), or fails when every step failed. */
    public Future<LiveStream> stream(RequestContext ctx) {
        List<Route> plan = plan(ctx);
        Promise<LiveStream> done = Promise.promise();
        streamStep(ctx, plan, 0, new ArrayList<>(), done, new Tries(plan.size()));
        return done.future();
    }

    private void streamStep(RequestContext ctx, List<Route> plan, int i, List<Attempt> failures, Promise<LiveStream> done,
                            Tries t) {
        Route r = plan.get(i);
        long start = nanoTime.getAsLong();
        ChatRequest req = ctx.request().withModel(r.model().id());
        r.adapter().stream(r.deployment(), req).onComplete(ar -> {
            if (ar.failed()) {
                GatewayError e = asGatewayError(ar.cause());
                recordFailure(ctx, r, e, (nanoTime.getAsLong() - start) / 1_000_000);
                next(plan, i, failures, e, done, t, j -> streamStep(ctx, plan, j, failures, done, t));
                return;
            }
            LiveStream live = new LiveStream(ctx, r.model(), r.deployment(), ar.result(), start, nanoTime);
            live.awaitFirstChunk().onComplete(first -> {
                if (first.succeeded()) {
                    done.complete(live);
                } else {
                    GatewayError e = asGatewayError(first.cause());
                    next(plan, i, failures, e, done, t, j -> streamStep(ctx, plan, j, failures, done, t));
                }
            });
        });
    }

    /**
     * After step {@code i} failed with {@code e}: return it to the client when no retry can help;
     * retry the same deployment after a backoff (or the provider's Retry-After) when its class says
     * so and the budget allows; otherwise go on to the next step, skipping deployments behind a
     * rate limit found exhausted (same provider account and key).
     */
    private <T> void next(List<Route> plan, int i, List<Attempt> failures, GatewayError e, Promise<T> done, Tries t,
                          java.util.function.IntConsumer step) {
        failures.add(toAttempt(e, plan.get(i)));
        boolean retriable = !(e instanceof GatewayError.UpstreamError u) || u.errorClass().retriable();
        if (!retriable) {
            done.fail(e);
            return;
        }
        if (e instanceof GatewayError.UpstreamError u && u.errorClass().action() == ErrorClass.Action.RETRY_SAME) {
            long wait = t.delay(i, u);
            if (wait >= 0) {
                delays.after(wait, () -> step.accept(i));
                return;
            }
            if (u.errorClass() == ErrorClass.RATE_LIMITED) t.exhausted.add(plan.get(i).deployment().provider().name());
        }
        int j = i + 1;
        while (j < plan.size() && t.exhausted.contains(plan.get(j).deployment().provider().name())) j++;
        if (j < plan.size()) {
            step.accept(j);
        } else if (failures.stream().map(Attempt::deployment).distinct().count() == 1) {
            done.fail(e);
        } else {
            done.fail(new GatewayError.AllAttemptsFailed(failures, e.status()));
        }
    }

    static void recordFailure(RequestContext ctx, Route r, GatewayError e, long ms) {
        ErrorClass cls = e instanceof GatewayError.UpstreamError u ? u.errorClass() : ErrorClass.SERVER_ERROR;
        int status = e instanceof GatewayError.UpstreamError u ? u.upstreamStatus() : 0;
        ctx.addAttempt(new AttemptRecord(r.deployment().id(), r.deployment().provider().name(), r.model().id(), status,
                cls, ms, -1, Usage.ZERO, 0));
    }

    private static Attempt toAttempt(GatewayError e, Route r) {
        if (e instanceof GatewayError.UpstreamError u) return u.toAttempt();
        return new Attempt(r.deployment().id(), r.deployment().provider().name(), ErrorClass.SERVER_ERROR, 0, e.getMessage());
    }

    /** A failure as a {@link GatewayError}; anything else is a bug reported as an internal error. */
    public static GatewayError asGatewayError(Throwable t) {
        return t instanceof GatewayError g ? g : new GatewayError.Internal(t.getClass().getSimpleName());
    }

    /** Candidates in decision order, each model's deployments in configured order, capped at {@link #MAX_ATTEMPTS}. */
    List<Route> plan(RequestContext ctx) {
        List<Route> plan = new ArrayList<>();
        for (Candidate c : ctx.decision().candidates()) {
            ModelInfo m = fleet.info(c.model());
            for (Deployment d : fleet.deployments(c.model())) {
                ProviderAdapter a = adapters.get(d.provider().name());
                if (a == null) throw new GatewayError.Internal("no adapter for provider " + d.provider().name());
                plan.add(new Route(m, d, a));
                if (plan.size() == MAX_ATTEMPTS) return plan;
            }
        }
        if (plan.isEmpty()) throw new GatewayError.NoRoute("The decision named no deployed model.");
        return plan;
    }
}
