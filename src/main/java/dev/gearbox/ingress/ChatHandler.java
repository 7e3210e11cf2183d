package dev.gearbox.ingress;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.dispatch.Dispatcher;
import dev.gearbox.dispatch.LiveStream;
import dev.gearbox.dispatch.Served;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import dev.gearbox.ledger.LedgerEntries;
import dev.gearbox.pipeline.AttemptRecord;
import dev.gearbox.pipeline.Caller;
import dev.gearbox.pipeline.Pipeline;
import dev.gearbox.pipeline.RequestContext;
import dev.gearbox.policy.Decision;
import dev.gearbox.policy.RoutingInput;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chat endpoint in one client wire format ({@link WireFormat}: OpenAI's {@code /v1/chat/completions},
 * Anthropic's {@code /v1/messages}): parse, authenticate and admit, compute signals, route, observe
 * or serve, dispatch, and answer as JSON or SSE in the client's format, then hand the request's
 * record to the ledger. Everything between parsing and writing is the same for every format.
 */
final class ChatHandler implements Handler<HttpServerRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(ChatHandler.class);

    private final Supplier<Pipeline> pipelines;
    private final WireFormat format;

    ChatHandler(Supplier<Pipeline> pipelines, WireFormat format) {
        this.pipelines = pipelines;
        this.format = format;
    }

    @Override
    public void handle(HttpServerRequest req) {
        long t0 = System.nanoTime();
        long epoch = System.currentTimeMillis();
        String id = RequestIds.next(epoch);
        HttpServerResponse resp = req.response();
        resp.putHeader(Headers.REQUEST_ID, id);
        Pipeline p = pipelines.get();
        BodyReader.read(req, p.maxBodyBytes()).onComplete(ar -> {
            if (ar.failed()) {
                GatewayError e = Dispatcher.asGatewayError(ar.cause());
                if (e instanceof GatewayError.PayloadTooLarge && req.version() != io.vertx.core.http.HttpVersion.HTTP_2
                        && !resp.headWritten()) {
                    resp.putHeader("connection", "close"); // the body was left unread
                }
                format.sendError(resp, e);
                return;
            }
            RequestContext ctx = null;
            try {
                ChatRequest request = format.parse(ar.result());
                String bearer = Callers.bearer(req);
                Caller caller = p.governance().authenticate(bearer, Callers.from(req, request.metadata()));
                ctx = new RequestContext(id, t0, epoch, request, caller, format.name());
                ctx.signals(p.signals().extract(request, ctx.caller()));
                p.observer().implicitFeedback(ctx, req.getHeader(Headers.REGENERATE));
                RequestContext routed = ctx;
                p.governance().admit(ctx, bearer)
                        .compose(admitted -> p.router().routeAsync(new RoutingInput(request, routed.signals(), admitted), routed::addAttempt)
                                .compose(d -> p.governance().readyToCap(admitted).map(d))
                                .map(d -> {
                                    Decision allowed = p.governance().restrict(d, admitted, request.model());
                                    p.governance().cap(routed, admitted, p.router().fleet().info(allowed.primary()));
                                    return p.observer().serve(routed, allowed);
                                }))
                        .onComplete(d -> {
                            if (d.failed()) {
                                failInside(p, routed, resp, d.cause());
                                return;
                            }
                            try {
                                routed.decision(d.result());
                                if (request.stream()) stream(p, routed, resp);
                                else chat(p, routed, resp);
                            } catch (RuntimeException e) {
                                failInside(p, routed, resp, e);
                            }
                        });
            } catch (RuntimeException e) {
                failInside(p, ctx, resp, e);
            }
        });
    }

    private void failInside(Pipeline p, RequestContext ctx, HttpServerResponse resp, Throwable t) {
        if (t instanceof GatewayError e) {
            fail(p, ctx, resp, e);
            return;
        }
        String id = resp.headers().get(Headers.REQUEST_ID);
        LOG.error("request {} failed inside the gateway", id, t);
        fail(p, ctx, resp, new GatewayError.Internal("Internal error in the gateway (request " + id + ")."));
    }

    private void chat(Pipeline p, RequestContext ctx, HttpServerResponse resp) {
        p.cascade().chat(ctx).onComplete(ar -> {
            if (ar.failed()) {
                fail(p, ctx, resp, Dispatcher.asGatewayError(ar.cause()));
                return;
            }
            Served s = ar.result();
            routeHeaders(resp, ctx, s.model().id(), s.deployment().provider().name(), ctx.serveAttempts());
            format.sendAnswer(resp, s.response(), format.idPrefix() + ctx.id(), s.model().id(), ctx.receivedEpochMillis() / 1000, ctx.request());
            finish(p, ctx, 200, null, s.response().firstMessage().text());
        });
    }

    private void stream(Pipeline p, RequestContext ctx, HttpServerResponse resp) {
        p.cascade().stream(ctx).onComplete(ar -> {
            if (ar.failed()) {
                fail(p, ctx, resp, Dispatcher.asGatewayError(ar.cause()));
                return;
            }
            if (ar.result().buffered() != null) {
                Served s = ar.result().buffered();
                if (resp.closed()) {
                    finish(p, ctx, LiveStream.CLIENT_CLOSED, null, null);
                    return;
                }
                routeHeaders(resp, ctx, s.model().id(), s.deployment().provider().name(), ctx.serveAttempts());
                format.sendBufferedStream(resp, s.response(), format.idPrefix() + ctx.id(), s.model().id(),
                        ctx.receivedEpochMillis() / 1000, ctx.request());
                finish(p, ctx, 200, null, s.response().firstMessage().text());
                return;
            }
            LiveStream live = ar.result().live();
            if (resp.closed()) {
                live.cancel();
                finish(p, ctx, LiveStream.CLIENT_CLOSED, null, null);
                return;
            }
            routeHeaders(resp, ctx, live.model().id(), live.deployment().provider().name(), ctx.serveAttempts() + 1);
            WireFormat.StreamWriter writer = format.streamWriter(resp, live, format.idPrefix() + ctx.id(), live.model().id(),
                    ctx.receivedEpochMillis() / 1000, ctx.request(), () -> {
                        AttemptRecord last = last(ctx);
                        boolean ok = last != null && last.errorClass() == null;
                        finish(p, ctx, 200, ok ? null : last == null ? ErrorClass.SERVER_ERROR : last.errorClass(),
                                ok ? live.generatedText() : null);
                    });
            resp.closeHandler(v -> {
                if (!writer.finished()) {
                    live.cancel();
                    finish(p, ctx, LiveStream.CLIENT_CLOSED, null, null);
                }
            });
            live.attach(writer);
        });
    }

    private static void routeHeaders(HttpServerResponse resp, RequestContext ctx, String model, String provider, int attempts) {
        Decision d = ctx.decision();
        if (!ctx.escalations().isEmpty()) resp.putHeader(Headers.ESCALATED, String.join(",", ctx.escalations()));
        resp.putHeader(Headers.MODEL, model)
                .putHeader(Headers.PROVIDER, provider)
                .putHeader(Headers.ROUTE, Headers.safe(d.route()))
                .putHeader(Headers.REASON, Headers.safe(d.reason()))
                .putHeader(Headers.ATTEMPTS, Integer.toString(attempts));
    }

    private void fail(Pipeline p, RequestContext ctx, HttpServerResponse resp, GatewayError e) {
        if (e instanceof GatewayError.Internal) LOG.warn("request failed: {}", e.getMessage());
        if (ctx != null && ctx.decision() != null) {
            resp.putHeader(Headers.ROUTE, Headers.safe(ctx.decision().route()))
                    .putHeader(Headers.REASON, Headers.safe(ctx.decision().reason()))
                    .putHeader(Headers.ATTEMPTS, Integer.toString(ctx.serveAttempts()));
        }
        format.sendError(resp, e);
        if (ctx != null) {
            ErrorClass cls = e instanceof GatewayError.UpstreamError u ? u.errorClass() : null;
            finish(p, ctx, e.status(), cls == null && e.status() >= 500 ? ErrorClass.SERVER_ERROR : cls, null);
        }
    }

    /** The last attempt to answer the client; judge calls never count as the answer. */
    private static AttemptRecord last(RequestContext ctx) {
        List<AttemptRecord> a = ctx.attempts();
        for (int i = a.size() - 1; i >= 0; i--) if (a.get(i).kind() == AttemptRecord.Kind.SERVE) return a.get(i);
        return null;
    }

    /** The request is over: its record goes to the ledger (with the shadow policies' decisions, computed now, off the response path) and a sampled one gets a shadow test. */
    private static void finish(Pipeline p, RequestContext ctx, int status, ErrorClass cls, String answer) {
        AttemptRecord last = last(ctx);
        // The answering attempt, or a failed one the provider still billed (a stream cut mid-way).
        AttemptRecord served = last != null && (last.errorClass() == null || last.usage().totalTokens() > 0) ? last : null;
        long ms = (System.nanoTime() - ctx.receivedNanos()) / 1_000_000;
        try {
            var rec = LedgerEntries.of(ctx, p.baseline(), served, status, cls, ms, p.redact());
            p.governance().settle(ctx, rec);
            p.observer().finished(ctx, rec);
            p.observer().shadows(ctx, rec).onComplete(sh -> {
                p.ledger().record(sh.succeeded() ? rec.withShadows(sh.result()) : rec);
                p.observer().shadowTest(ctx, rec, answer);
            });
        } catch (RuntimeException e) {
            LOG.error("ledger rejected the record of {}", ctx.id(), e);
        }
    }
}
