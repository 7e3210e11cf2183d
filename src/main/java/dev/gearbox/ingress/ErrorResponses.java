package dev.gearbox.ingress;

import dev.gearbox.error.GatewayError;
import io.vertx.core.http.HttpServerResponse;

/** Sends a {@link GatewayError} as an OpenAI-format error response, once, at the edge. */
final class ErrorResponses {
    private ErrorResponses() {}

    /** Writes an error in one wire format's shape. */
    interface ErrorWriter {
        void send(HttpServerResponse resp, GatewayError e);
    }

    /** The error shape of the endpoint at {@code path}: Anthropic's on {@code /v1/messages}, OpenAI's elsewhere. */
    static ErrorWriter forPath(String path) {
        return path != null && path.startsWith("/v1/messages") ? AnthropicFormat.INSTANCE::sendError : ErrorResponses::send;
    }

    /** Like {@link #send(HttpServerResponse, GatewayError)}; closes an HTTP/1 connection whose body was left unread. */
    static void send(io.vertx.core.http.HttpServerRequest req, GatewayError e) {
        HttpServerResponse resp = req.response();
        if (e instanceof GatewayError.PayloadTooLarge && req.version() != io.vertx.core.http.HttpVersion.HTTP_2
                && !resp.headWritten()) {
            resp.putHeader("connection", "close");
        }
        send(resp, e);
    }

    static void send(HttpServerResponse resp, GatewayError e) {
        if (resp.ended() || resp.closed()) return;
        if (resp.headWritten()) {
            resp.end();
            return;
        }
        resp.setStatusCode(e.status()).putHeader("content-type", "application/json");
        if (e instanceof GatewayError.RateLimited r && r.retryAfter() != null) {
            resp.putHeader("retry-after", Long.toString(Math.max(1, r.retryAfter().toSeconds())));
        } else if (e instanceof GatewayError.Unavailable u && u.retryAfter() != null) {
            resp.putHeader("retry-after", Long.toString(Math.max(1, (u.retryAfter().toMillis() + 999) / 1000)));
        }
        resp.end(OpenAiErrorBody.of(e));
    }
}
