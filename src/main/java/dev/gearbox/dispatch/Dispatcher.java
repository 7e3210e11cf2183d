package dev.gearbox.dispatch;

import dev.gearbox.catalog.Fleet;
import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.TokenCounter;
import dev.gearbox.chat.Usage;
import dev.gearbox.config.Deployment;
import dev.gearbox.config.ResilienceConfig;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import dev.gearbox.pipeline.AttemptRecord;
import dev.gearbox.pipeline.RequestContext;
import dev.gearbox.policy.Candidate;
import dev.gearbox.providers.ProviderAdapter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The dispatch stage: turns a decision into a plan (each candidate model's deployments, ordered by
 * the {@link Balancer}, open circuits left out) and runs it as a {@link Race}: retries, fallbacks,
 * hedges and timeouts. A stream is committed to a deployment only when its first real chunk
 * arrives, so a failure before that can still fall back; after it, failures are the stream's to
 * report.
 */
public final class Dispatcher {
    /** Most steps in one request's plan, however many candidates and deployments the decision has. */
    public static final int MAX_STEPS = 8;
    /** Most deployments of one model in a plan, so the decision's fallback models keep their place. */
    public static final int MAX_PER_MODEL = 3;
    /** Output tokens assumed for rate-limit estimates when the request sets no max_tokens. */
    static final int DEFAULT_OUTPUT_ESTIMATE = 256;

    private final Fleet fleet;
    private final Map<String, ProviderAdapter> adapters;
    private final Ticker ticker;
    private final ResilienceConfig settings;
    private final RetryPolicy retry;
    private final Health health;
    private final Balancer balancer;
    private final boolean tokenLimits;

    public Dispatcher(Fleet fleet, Map<String, ProviderAdapter> adaptersByProvider, Ticker ticker, ResilienceConfig settings,
                      Health health) {
        this.fleet = fleet;
        this.adapters = Map.copyOf(adaptersByProvider);
        this.ticker = ticker;
        this.settings = settings;
        this.retry = RetryPolicy.from(settings.retries());
        this.health = health;
        this.balancer = new Balancer(settings.balancing(), () -> ThreadLocalRandom.current().nextDouble());
        boolean tpm = false;
        for (ModelInfo m : fleet.servableModels()) for (Deployment d : fleet.deployments(m.id())) tpm |= d.tpm() > 0;
        this.tokenLimits = tpm;
    }

    Ticker ticker() { return ticker; }
    ResilienceConfig settings() { return settings; }
    RetryPolicy retry() { return retry; }
    public Health health() { return health; }

    public Future<Served> chat(RequestContext ctx) {
        Promise<Served> done = Promise.promise();
        new Race<>(this, ctx, plan(ctx), estimate(ctx), done, Dispatcher::startChat).start();
        return done.future();
    }

    /** Completes with a committed stream (first chunk received), or fails when every step failed. */
    public Future<LiveStream> stream(RequestContext ctx) {
        Promise<LiveStream> done = Promise.promise();
        new Race<>(this, ctx, plan(ctx), estimate(ctx), done, Dispatcher::startStream).start();
        return done.future();
    }

    private static void startChat(Leg leg, Race<Served> race) {
        Route r = leg.route;
        RequestContext ctx = race.ctx();
        ChatRequest req = ctx.request().withModel(r.model().id());
        r.adapter().chat(r.deployment(), req, leg.control).onComplete(ar -> {
            if (leg.over) return;
            if (ar.failed()) {
                race.failed(leg, asGatewayError(ar.cause()));
                return;
            }
            race.headers(leg);
            long ms = (race.dispatcher().ticker.nanoTime() - leg.startNanos) / 1_000_000;
            Usage u = ar.result().usage();
            ctx.addAttempt(new AttemptRecord(r.deployment().id(), r.deployment().provider().name(), r.model().id(),
                    200, null, ms, -1, u, r.model().price().cost(u)));
            race.won(leg, new Served(ar.result(), r.model(), r.deployment()));
        });
    }

    private static void startStream(Leg leg, Race<LiveStream> race) {
        Route r = leg.route;
        RequestContext ctx = race.ctx();
        Ticker ticker = race.dispatcher().ticker;
        ChatRequest req = ctx.request().withModel(r.model().id());
        r.adapter().stream(r.deployment(), req, leg.control).onComplete(ar -> {
            if (leg.over) {
                if (ar.succeeded()) ar.result().cancel();
                return;
            }
            if (ar.failed()) {
                race.failed(leg, asGatewayError(ar.cause()));
                return;
            }
            LiveStream live = new LiveStream(ctx, r.model(), r.deployment(), ar.result(), leg.startNanos, ticker::nanoTime);
            leg.live = live;
            live.onClosed((failure, usage, cancelled) -> race.streamClosed(leg, failure, usage));
            race.headers(leg);
            live.awaitFirstChunk().onComplete(first -> {
                if (first.succeeded()) race.won(leg, live);
                else race.failed(leg, asGatewayError(first.cause()));
            });
        });
    }

    /**
     * Embeds {@code inputs} with {@code model}'s deployments in balanced order, moving on after a
     * failure another deployment may not have; every call is recorded on {@code ctx} for the ledger.
     */
    public Future<ProviderAdapter.Embeddings> embed(RequestContext ctx, ModelInfo model, List<String> inputs) {
        List<Deployment> order = balancer.order(fleet.deployments(model.id()), health, 0).usable();
        if (order.isEmpty()) return Future.failedFuture(new GatewayError.Unavailable("Every deployment of " + model.id() + " is cooling down.", null));
        Promise<ProviderAdapter.Embeddings> done = Promise.promise();
        embedStep(ctx, model, inputs, order, 0, done);
        return done.future();
    }

    private void embedStep(RequestContext ctx, ModelInfo model, List<String> inputs, List<Deployment> order, int i,
                           Promise<ProviderAdapter.Embeddings> done) {
        Deployment d = order.get(i);
        ProviderAdapter a = adapters.get(d.provider().name());
        long start = ticker.nanoTime();
        a.embed(d, inputs).onComplete(ar -> {
            long ms = (ticker.nanoTime() - start) / 1_000_000;
            Route r = new Route(model, d, a);
            if (ar.succeeded()) {
                health.of(d).breaker().success();
                Usage u = Usage.of(ar.result().inputTokens(), 0);
                ctx.addAttempt(new AttemptRecord(d.id(), d.provider().name(), model.id(), 200, null, ms, -1, u, model.price().cost(u)));
                done.complete(ar.result());
                return;
            }
            GatewayError e = asGatewayError(ar.cause());
            recordFailure(ctx, r, e, ms);
            boolean retriable = e instanceof GatewayError.UpstreamError u && u.errorClass().retriable();
            if (e instanceof GatewayError.UpstreamError u) health.of(d).breaker().failure(u.errorClass(), u.retryAfter());
            if (retriable && i + 1 < order.size()) embedStep(ctx, model, inputs, order, i + 1, done);
            else done.fail(e);
        });
    }

    static void recordFailure(RequestContext ctx, Route r, GatewayError e, long ms) {
        ErrorClass cls = e instanceof GatewayError.UpstreamError u ? u.errorClass() : ErrorClass.SERVER_ERROR;
        int status = e instanceof GatewayError.UpstreamError u ? u.upstreamStatus() : 0;
        ctx.addAttempt(new AttemptRecord(r.deployment().id(), r.deployment().provider().name(), r.model().id(), status,
                cls, ms, -1, Usage.ZERO, 0));
    }

    /** A failure as a {@link GatewayError}; anything else is a bug reported as an internal error. */
    public static GatewayError asGatewayError(Throwable t) {
        return t instanceof GatewayError g ? g : new GatewayError.Internal(t.getClass().getSimpleName());
    }

    /** Tokens the request may use, for rate-limit buckets: the prompt plus its output cap (only counted when a deployment has a TPM limit). */
    int estimate(RequestContext ctx) {
        if (!tokenLimits) return 0;
        int prompt = ctx.signals() != null ? ctx.signals().inputTokens() : TokenCounter.count(ctx.request().messages());
        Integer max = ctx.request().maxTokens();
        return prompt + (max == null ? DEFAULT_OUTPUT_ESTIMATE : max);
    }

    /**
     * Candidates in decision order, each model's deployments as the balancer orders them (open
     * circuits left out, those short of rate-limit capacity last). When every deployment is open the
     * request fails at once with 503 and the time until the first one lets a probe through.
     */
    List<Route> plan(RequestContext ctx) {
        List<Route> plan = new ArrayList<>();
        long soonest = Long.MAX_VALUE;
        List<String> open = new ArrayList<>();
        int est = estimate(ctx);
        for (Candidate c : ctx.decision().candidates()) {
            ModelInfo m = fleet.info(c.model());
            Balancer.Order order = balancer.order(fleet.deployments(c.model()), health, est);
            for (Deployment d : order.open()) {
                open.add(d.id());
                soonest = Math.min(soonest, health.of(d).breaker().remainingMillis());
            }
            int taken = 0;
            for (Deployment d : order.usable()) {
                ProviderAdapter a = adapters.get(d.provider().name());
                if (a == null) throw new GatewayError.Internal("no adapter for provider " + d.provider().name());
                plan.add(new Route(m, d, a));
                if (plan.size() == MAX_STEPS) return plan;
                if (++taken == MAX_PER_MODEL) break;
            }
        }
        if (plan.isEmpty() && !open.isEmpty()) {
            throw new GatewayError.Unavailable("Every deployment that could serve this request is cooling down after "
                    + "failures (circuit open: " + String.join(", ", open) + "); retry in " + Math.max(1, (soonest + 999) / 1000)
                    + " s.", Duration.ofMillis(Math.max(1, soonest)));
        }
        if (plan.isEmpty()) throw new GatewayError.NoRoute("The decision named no deployed model.");
        return plan;
    }
}
