package dev.gearbox.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.error.GatewayError;
import dev.gearbox.observe.ObservationLog;
import dev.gearbox.pipeline.Pipeline;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Supplier;

/**
 * {@code POST /v1/feedback}: a user's verdict on an answer, by request id (the
 * {@code x-gearbox-request-id} header of the answer): {@code score} from -1 (bad) to 1 (good), or
 * {@code thumbs: up|down}, and an optional comment. Attached to the request in the ledger's
 * database; quality reports read it.
 */
final class FeedbackHandler implements Handler<HttpServerRequest> {
    private final Supplier<Pipeline> pipelines;

    FeedbackHandler(Supplier<Pipeline> pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    public void handle(HttpServerRequest req) {
        req.response().putHeader(Headers.REQUEST_ID, RequestIds.next(System.currentTimeMillis()));
        BodyReader.read(req, 64 * 1024).onComplete(ar -> {
            try {
                if (ar.failed()) {
                    throw ar.cause() instanceof GatewayError g ? g : new GatewayError.BadRequest("The feedback body could not be read.", null);
                }
                JsonNode n = dev.gearbox.wire.JsonBodies.object(ar.result().getBytes());
                if (!n.path("request_id").isTextual()) {
                    throw new GatewayError.BadRequest("'request_id' is required: the x-gearbox-request-id of the answer.", "request_id");
                }
                String id = n.path("request_id").asText(null);
                if (id == null || id.isBlank() || id.length() > 64) {
                    throw new GatewayError.BadRequest("'request_id' is required: the x-gearbox-request-id of the answer.", "request_id");
                }
                double score;
                if (n.has("score")) {
                    if (!n.get("score").isNumber() || !(n.get("score").asDouble() >= -1 && n.get("score").asDouble() <= 1)) {
                        throw new GatewayError.BadRequest("'score' is a number from -1 (bad) to 1 (good).", "score");
                    }
                    score = n.get("score").asDouble();
                } else if (n.has("thumbs")) {
                    if (!n.get("thumbs").isTextual()) throw new GatewayError.BadRequest("'thumbs' is up or down.", "thumbs");
                    String t = n.get("thumbs").asText();
                    if (!t.equals("up") && !t.equals("down")) throw new GatewayError.BadRequest("'thumbs' is up or down.", "thumbs");
                    score = t.equals("up") ? 1 : -1;
                } else {
                    throw new GatewayError.BadRequest("Give 'score' (-1..1) or 'thumbs' (up or down).", "score");
                }
                if (n.hasNonNull("comment") && !n.get("comment").isTextual()) throw new GatewayError.BadRequest("'comment' is a string.", "comment");
                String comment = n.hasNonNull("comment") ? n.get("comment").asText() : null;
                pipelines.get().observer().feedback(new ObservationLog.Feedback(id, System.currentTimeMillis(), score, "explicit", comment));
                req.response().setStatusCode(202).putHeader("content-type", "application/json")
                        .end("{\"request_id\":\"" + Headers.safe(id) + "\",\"recorded\":true}");
            } catch (GatewayError e) {
                ErrorResponses.send(req.response(), e);
            }
        });
    }
}
