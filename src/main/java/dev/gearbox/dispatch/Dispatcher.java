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

    public Dispatcher(Fleet fleet, Map<String, ProviderAdapter> adaptersByProvider, LongSupplier nanoTime) {
        this.fleet = fleet;
        this.adapters = Map.copyOf(adaptersByProvider);
        this.nanoTime = nanoTime;
    }

    public Future<Served> chat(RequestContext ctx) {
        List<Route> plan = plan(ctx);
        Promise<Served> done = Promise.promise();
        chatStep(ctx, plan, 0, new ArrayList<>(), done);
        return done.future();
    }

    private void chatStep(RequestContext ctx, List<Route> plan, int i, List<Attempt> failures, Promise<Served> done) {
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
            next(ctx, plan, i, failures, e, done, () -> chatStep(ctx, plan, i + 1, failures, done));
        });
    }

    /** Completes with a committed stream (first chunk received), or fails when every step failed. */
    public Future<LiveStream> stream(RequestContext ctx) {
        List<Route> plan = plan(ctx);
        Promise<LiveStream> done = Promise.promise();
        streamStep(ctx, plan, 0, new ArrayList<>(), done);
        return done.future();
    }

    private void streamStep(RequestContext ctx, List<Route> plan, int i, List<Attempt> failures, Promise<LiveStream> done) {
        Route r = plan.get(i);
        long start = nanoTime.getAsLong();
        ChatRequest req = ctx.request().withModel(r.model().id());
        r.adapter().stream(r.deployment(), req).onComplete(ar -> {
            if (ar.failed()) {
                GatewayError e = asGatewayError(ar.cause());
                recordFailure(ctx, r, e, (nanoTime.getAsLong() - start) / 1_000_000);
                next(ctx, plan, i, failures, e, done, () -> streamStep(ctx, plan, i + 1, failures, done));
                return;
            }
            LiveStream live = new LiveStream(ctx, r.model(), r.deployment(), ar.result(), start, nanoTime);
            live.awaitFirstChunk().onComplete(first -> {
                if (first.succeeded()) {
                    done.complete(live);
                } else {
                    GatewayError e = asGatewayError(first.cause());
                    next(ctx, plan, i, failures, e, done, () -> streamStep(ctx, plan, i + 1, failures, done));
                }
            });
        });
    }

    private <T> void next(RequestContext ctx, List<Route> plan, int i, List<Attempt> failures, GatewayError e,
                          Promise<T> done, Runnable tryNext) {
        failures.add(toAttempt(e, plan.get(i)));
        boolean retriable = !(e instanceof GatewayError.UpstreamError u) || u.errorClass().retriable();
        if (!retriable) {
            done.fail(e);
        } else if (i + 1 < plan.size()) {
            tryNext.run();
        } else if (failures.size() == 1) {
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
