package dev.gearbox.ingress;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.catalog.Fleet;
import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.chat.Json;
import dev.gearbox.pipeline.Pipeline;
import dev.gearbox.policy.Router;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Supplier;

/**
 * {@code GET /v1/models}: the virtual model {@code auto}, the configured routing policies, the
 * aliases, and every served model, in OpenAI's list format. Gearbox extras ({@code gearbox} object:
 * kind, tier, prices, context window, alias target) ride along; SDKs ignore unknown fields.
 */
final class ModelsHandler implements Handler<HttpServerRequest> {
    private final Supplier<Pipeline> pipelines;

    ModelsHandler(Supplier<Pipeline> pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    public void handle(HttpServerRequest req) {
        Router router = pipelines.get().router();
        Fleet fleet = router.fleet();
        ObjectNode root = Json.MAPPER.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        entry(data, Router.AUTO, "gearbox").putObject("gearbox").put("kind", "virtual");
        router.policies().keySet().stream().sorted().forEach(p -> entry(data, p, "gearbox").putObject("gearbox").put("kind", "policy"));
        fleet.aliases().forEach((alias, target) -> entry(data, alias, "gearbox").putObject("gearbox")
                .put("kind", "alias").put("target", target));
        for (ModelInfo m : fleet.servableModels()) {
            ObjectNode g = entry(data, m.id(), m.vendor()).putObject("gearbox");
            g.put("kind", "model").put("tier", m.tier().wire()).put("context_window", m.contextWindow())
                    .put("max_output", m.maxOutput()).put("input_usd_per_mtok", m.price().inputPerMTok())
                    .put("output_usd_per_mtok", m.price().outputPerMTok());
        }
        try {
            req.response().putHeader("content-type", "application/json").end(
                    io.vertx.core.buffer.Buffer.buffer(Json.MAPPER.writeValueAsBytes(root)));
        } catch (Exception e) {
            ErrorResponses.send(req.response(), new dev.gearbox.error.GatewayError.Internal("could not list models"));
        }
    }

    private static ObjectNode entry(ArrayNode data, String id, String owner) {
        return data.addObject().put("id", id).put("object", "model").put("created", 0).put("owned_by", owner);
    }
}
