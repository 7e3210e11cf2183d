package dev.gearbox.ingress;

import dev.gearbox.error.GatewayError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** Reads a request body up to a byte limit; a declared or actual size over it fails with 413 at once. */
final class BodyReader {
    private BodyReader() {}

    static Future<Buffer> read(HttpServerRequest req, long limit) {
        String declared = req.getHeader("content-length");
        long length = -1;
        if (declared != null) {
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0) return Future.failedFuture(new GatewayError.BadRequest("Content-Length is not a number.", null, "invalid_content_length"));
            if (length > limit) return Future.failedFuture(new GatewayError.PayloadTooLarge(limit));
        }
        Promise<Buffer> p = Promise.promise();
        Buffer body = Buffer.buffer(length < 0 ? 1024 : (int) Math.min(limit, Math.max(length, 16)));
        req.handler(chunk -> {
            if (p.future().isComplete()) return;
            if (body.length() + chunk.length() > limit) {
                p.tryFail(new GatewayError.PayloadTooLarge(limit));
                return;
            }
            body.appendBuffer(chunk);
        });
        req.endHandler(v -> p.tryComplete(body));
        req.exceptionHandler(p::tryFail);
        return p.future();
    }
}
