package dev.gearbox.ingress;

import dev.gearbox.pipeline.Caller;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Identifies the caller from request headers. The bearer token is never kept: its id is a short
 * SHA-256 prefix, stable for the same token, safe to log and to match in rules.
 */
final class Callers {
    private Callers() {}

    static Caller from(HttpServerRequest req, Map<String, String> metadata) {
        return new Caller(keyId(bearer(req)), req.getHeader(Headers.TAG), req.getHeader(Headers.CALLER_TIER), metadata);
    }

    static String bearer(HttpServerRequest req) {
        String auth = req.getHeader("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) return auth.substring(7).trim();
        String xKey = req.getHeader("x-api-key");
        return xKey == null ? null : xKey.trim();
    }

    static String keyId(String token) {
        if (token == null || token.isEmpty()) return Caller.ANONYMOUS;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "key-" + HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
