package dev.gearbox.ingress;

import dev.gearbox.error.GatewayError;
import io.vertx.core.http.HttpServerResponse;

/** Sends a {@link GatewayError} as an OpenAI-format error response, once, at the edge. */
final class ErrorResponses {
    private ErrorResponses() {}

    static void send(HttpServerResponse resp, GatewayError e) {
        if (resp.ended() || resp.closed()) return;
        if (resp.headWritten()) {
            resp.end();
            return;
        }
        resp.setStatusCode(e.status()).putHeader("content-type", "application/json");
        if (e instanceof GatewayError.RateLimited r && r.retryAfter() != null) {
            resp.putHeader("retry-after", Long.toString(Math.max(1, r.retryAfter().toSeconds())));
        }
        if (e instanceof GatewayError.PayloadTooLarge) resp.putHeader("connection", "close");
        resp.end(OpenAiErrorBody.of(e));
    }
}
