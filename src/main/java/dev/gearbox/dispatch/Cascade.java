package dev.gearbox.dispatch;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.error.GatewayError;
import dev.gearbox.pipeline.RequestContext;
import dev.gearbox.policy.Decision;
import dev.gearbox.policy.Escalation;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;

/**
 * Runs a cascade decision on top of the {@link Dispatcher}: each step is dispatched on its own
 * (with that model's deployments as fallbacks) and its answer checked ({@link AnswerChecks}); a
 * failed check escalates to the next step, is counted in {@link Escalations} and noted on the
 * request. Every attempt of every step is recorded on the request, so both answers are billed.
 * A step that errors moves on like a fallback; when the last step errors, the best earlier answer
 * (one that failed a check) is served rather than an error. A decision without an escalation plan
 * goes straight to the dispatcher.
 *
 * <p>Streaming: every step but the last is called unstreamed and checked before anything is sent;
 * an accepted answer is then sent as SSE in one burst ({@link Streamed#buffered}). The last step
 * streams live, since there is nothing left to escalate to. The price is the cheap model's full
 * latency before the first byte; the gain is that a client never sees an answer that is then
 * replaced.
 */
public final class Cascade {
    /** A streamed request's outcome: an accepted buffered answer, or the last step's live stream. */
    public record Streamed(Served buffered, LiveStream live) {}

    private final Dispatcher dispatcher;
    private final Escalations escalations;

    public Cascade(Dispatcher dispatcher, Escalations escalations) {
        this.dispatcher = dispatcher;
        this.escalations = escalations;
    }

    public Escalations escalations() {
        return escalations;
    }

    public Future<Served> chat(RequestContext ctx) {
        if (ctx.decision().escalation() == null) return dispatcher.chat(ctx);
        Promise<Served> done = Promise.promise();
        chatStep(ctx, 0, null, done);
        return done.future();
    }

    public Future<Streamed> stream(RequestContext ctx) {
        if (ctx.decision().escalation() == null) return dispatcher.stream(ctx).map(live -> new Streamed(null, live));
        Promise<Streamed> done = Promise.promise();
        streamStep(ctx, 0, null, done);
        return done.future();
    }

    private void chatStep(RequestContext ctx, int i, Served best, Promise<Served> done) {
        boolean last = i == ctx.decision().candidates().size() - 1;
        call(ctx, i, false).onComplete(ar -> {
            if (ar.failed()) {
                GatewayError e = Dispatcher.asGatewayError(ar.cause());
                if (last || !retriable(e)) {
                    if (best != null) done.complete(best);
                    else done.fail(e);
                } else {
                    chatStep(ctx, i + 1, best, done);
                }
                return;
            }
            Served s = ar.result();
            if (last || accepted(ctx, s)) done.complete(s);
            else chatStep(ctx, i + 1, s, done);
        });
    }

    private void streamStep(RequestContext ctx, int i, Served best, Promise<Streamed> done) {
        if (i == ctx.decision().candidates().size() - 1) {
            Future<LiveStream> live;
            try {
                live = dispatcher.stream(stepContext(ctx, i, true));
            } catch (RuntimeException e) {
                live = Future.failedFuture(e);
            }
            live.onComplete(ar -> {
                if (ar.succeeded()) done.complete(new Streamed(null, ar.result()));
                else if (best != null) done.complete(new Streamed(best, null));
                else done.fail(ar.cause());
            });
            return;
        }
        call(ctx, i, false).onComplete(ar -> {
            if (ar.failed()) {
                GatewayError e = Dispatcher.asGatewayError(ar.cause());
                if (!retriable(e)) {
                    if (best != null) done.complete(new Streamed(best, null));
                    else done.fail(e);
                } else {
                    streamStep(ctx, i + 1, best, done);
                }
                return;
            }
            if (accepted(ctx, ar.result())) done.complete(new Streamed(ar.result(), null));
            else streamStep(ctx, i + 1, ar.result(), done);
        });
    }

    private boolean accepted(RequestContext ctx, Served s) {
        Escalation plan = ctx.decision().escalation();
        String failed = AnswerChecks.firstFailure(plan, ctx.request(), s.response());
        if (failed == null) return true;
        ctx.escalated(failed);
        escalations.increment(plan.policy(), failed);
        return false;
    }

    private Future<Served> call(RequestContext ctx, int i, boolean stream) {
        try {
            return dispatcher.chat(stepContext(ctx, i, stream));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private static RequestContext stepContext(RequestContext ctx, int i, boolean stream) {
        Decision d = ctx.decision();
        Decision step = new Decision(d.policyId(), d.policyVersion(), List.of(d.candidates().get(i)), d.rejected(),
                d.reason(), d.confidence(), d.threshold());
        ChatRequest req = stream ? ctx.request() : ctx.request().withStream(false);
        return ctx.step(req, step);
    }

    private static boolean retriable(GatewayError e) {
        return !(e instanceof GatewayError.UpstreamError u) || u.errorClass().retriable();
    }
}
