package dev.gearbox.dispatch;

import dev.gearbox.catalog.Fleet;
import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.TokenCounter;
import dev.gearbox.chat.Usage;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import dev.gearbox.pipeline.AttemptRecord;
import dev.gearbox.pipeline.Caller;
import dev.gearbox.pipeline.RequestContext;
import dev.gearbox.policy.Candidate;
import dev.gearbox.policy.Decision;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A call to a model made to help route (a judge), not to answer: it goes through the
 * {@link Dispatcher} like any request (so deployments, fallbacks and adapters are the usual ones)
 * under a hard deadline, and every attempt is billed to the asking request as kind judge. A call
 * still running at the deadline is billed at its worst case (the prompt plus {@code max_tokens} of
 * output), because the provider bills it whether or not we wait.
 */
public final class SideCall {
    /** Output cap assumed for billing when a timed-out request set none. */
    static final int UNCAPPED_OUTPUT_ESTIMATE = 256;

    private final Vertx vertx;
    private final Fleet fleet;
    private final Dispatcher dispatcher;
    private final LongSupplier nanoTime;

    public SideCall(Vertx vertx, Fleet fleet, Dispatcher dispatcher, LongSupplier nanoTime) {
        this.vertx = vertx;
        this.fleet = fleet;
        this.dispatcher = dispatcher;
        this.nanoTime = nanoTime;
    }

    public Future<ChatResponse> ask(String model, ChatRequest request, Duration timeout, Consumer<AttemptRecord> billing) {
        ChatRequest req = request.withModel(model).withStream(false);
        RequestContext side = new RequestContext("judge", nanoTime.getAsLong(), 0, req,
                new Caller(Caller.ANONYMOUS, null, null, null), "judge");
        side.decision(new Decision("judge", "1", List.of(new Candidate(model, 1.0, "judge model")), List.of(),
                "judge call", 1.0, null));
        Promise<ChatResponse> done = Promise.promise();
        long start = nanoTime.getAsLong();
        long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
            if (done.tryFail(new GatewayError.UpstreamError("judge", model, 0, ErrorClass.TIMEOUT,
                    "The judge did not answer within " + timeout.toMillis() + " ms.", null, null))) {
                billing.accept(worstCase(model, req, (nanoTime.getAsLong() - start) / 1_000_000));
            }
        });
        Future<Served> call;
        try {
            call = dispatcher.chat(side);
        } catch (RuntimeException e) {
            call = Future.failedFuture(e);
        }
        call.onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (done.future().isComplete()) return; // timed out and already billed at worst case
            for (AttemptRecord a : side.attempts()) billing.accept(a.withKind(AttemptRecord.Kind.JUDGE));
            if (ar.succeeded()) done.tryComplete(ar.result().response());
            else done.tryFail(ar.cause());
        });
        return done.future();
    }

    private AttemptRecord worstCase(String model, ChatRequest req, long ms) {
        ModelInfo m = fleet.info(model);
        int out = req.maxTokens() != null && req.maxTokens() > 0 ? req.maxTokens() : UNCAPPED_OUTPUT_ESTIMATE;
        Usage u = Usage.of(TokenCounter.count(req.messages()), out);
        String deployment = fleet.deployments(model).isEmpty() ? model : fleet.deployments(model).get(0).id();
        String provider = fleet.deployments(model).isEmpty() ? "" : fleet.deployments(model).get(0).provider().name();
        return new AttemptRecord(deployment, provider, model, 0, ErrorClass.TIMEOUT, ms, -1, u, m.price().cost(u),
                AttemptRecord.Kind.JUDGE);
    }
}
