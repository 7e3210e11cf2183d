package dev.gearbox.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.Json;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.dispatch.Dispatcher;
import dev.gearbox.error.GatewayError;
import dev.gearbox.ledger.LedgerEntries;
import dev.gearbox.pipeline.AttemptRecord;
import dev.gearbox.pipeline.Caller;
import dev.gearbox.pipeline.Pipeline;
import dev.gearbox.pipeline.RequestContext;
import dev.gearbox.policy.Candidate;
import dev.gearbox.policy.Decision;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code POST /v1/embeddings} in OpenAI's format: the named embedding model's deployments embed the
 * input (a string or a list of strings), with fallback across deployments; the call is costed from
 * the provider's token count and recorded in the ledger like any request (keys and limits apply).
 */
final class EmbeddingsHandler implements Handler<HttpServerRequest> {
    static final int MAX_INPUTS = 2048;
    private final Supplier<Pipeline> pipelines;

    EmbeddingsHandler(Supplier<Pipeline> pipelines) {
        this.pipelines = pipelines;
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
            RequestContext ctx = null;
            try {
                if (ar.failed()) throw Dispatcher.asGatewayError(ar.cause());
                JsonNode root = dev.gearbox.wire.JsonBodies.object(ar.result().getBytes());
                if (!root.path("model").isTextual()) throw new GatewayError.BadRequest("model: is required.", "model");
                List<String> inputs = inputs(root.get("input"));
                String asked = root.get("model").asText();
                ModelInfo model = resolve(p, asked);
                String joined = String.join("\n", inputs);
                ChatRequest accounting = ChatRequest.of(model.id(), List.of(Message.text(Role.USER, joined)));
                Caller caller = p.governance().authenticate(Callers.bearer(req), Callers.from(req, java.util.Map.of()));
                ctx = new RequestContext(id, t0, epoch, accounting, caller, "embeddings");
                RequestContext c = ctx;
                p.governance().admit(ctx, Callers.bearer(req))
                        .compose(admitted -> {
                            c.decision(new Decision("embeddings", "1", List.of(new Candidate(model.id(), 1.0, "asked")), List.of(),
                                    "embeddings with " + model.id(), 1.0, null));
                            return p.dispatcher().embed(c, model, inputs);
                        })
                        .onComplete(done -> {
                            if (done.failed()) {
                                fail(p, c, resp, Dispatcher.asGatewayError(done.cause()));
                                return;
                            }
                            ObjectNode out = Json.MAPPER.createObjectNode().put("object", "list").put("model", model.id());
                            ArrayNode data = out.putArray("data");
                            List<float[]> vs = done.result().vectors();
                            for (int i = 0; i < vs.size(); i++) {
                                ObjectNode d = data.addObject().put("object", "embedding").put("index", i);
                                ArrayNode v = d.putArray("embedding");
                                for (float x : vs.get(i)) v.add(x);
                            }
                            out.putObject("usage").put("prompt_tokens", done.result().inputTokens()).put("total_tokens", done.result().inputTokens());
                            resp.putHeader(Headers.MODEL, model.id()).putHeader("content-type", "application/json").end(out.toString());
                            finish(p, c, 200);
                        });
            } catch (GatewayError e) {
                fail(p, ctx, resp, e);
            } catch (RuntimeException e) {
                fail(p, ctx, resp, new GatewayError.Internal("Internal error in the gateway (request " + id + ")."));
            }
        });
    }

    static List<String> inputs(JsonNode in) {
        List<String> out = new ArrayList<>();
        if (in != null && in.isTextual()) {
            out.add(in.asText());
        } else if (in != null && in.isArray() && !in.isEmpty()) {
            for (int i = 0; i < in.size(); i++) {
                if (!in.get(i).isTextual()) {
                    throw new GatewayError.BadRequest("input[" + i + "]: must be a string (token arrays are not supported).", "input[" + i + "]");
                }
                out.add(in.get(i).asText());
            }
        } else {
            throw new GatewayError.BadRequest("input: a string or a non-empty array of strings is required.", "input");
        }
        if (out.size() > MAX_INPUTS) throw new GatewayError.BadRequest("input: at most " + MAX_INPUTS + " strings per request.", "input");
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).isEmpty()) throw new GatewayError.BadRequest("input[" + i + "]: must not be empty.", "input");
        }
        return out;
    }

    static ModelInfo resolve(Pipeline p, String asked) {
        var fleet = p.router().fleet();
        String alias = fleet.alias(asked);
        String id = alias != null ? alias : fleet.catalog().find(asked).map(ModelInfo::id).orElse(asked);
        for (ModelInfo m : fleet.embeddingModels()) if (m.id().equals(id)) return m;
        List<String> deployed = fleet.embeddingModels().stream().map(ModelInfo::id).toList();
        throw new GatewayError.ModelNotFound(asked, deployed);
    }

    private static void fail(Pipeline p, RequestContext ctx, HttpServerResponse resp, GatewayError e) {
        ErrorResponses.send(resp, e);
        if (ctx != null) finish(p, ctx, e.status());
    }

    private static void finish(Pipeline p, RequestContext ctx, int status) {
        AttemptRecord served = null;
        for (AttemptRecord a : ctx.attempts()) if (a.errorClass() == null) served = a;
        long ms = (System.nanoTime() - ctx.receivedNanos()) / 1_000_000;
        var rec = LedgerEntries.of(ctx, null, served, status, null, ms, p.redact());
        p.governance().settle(ctx, rec);
        p.ledger().record(rec);
    }
}
