package dev.gearbox.ingress;

import dev.gearbox.pipeline.Caller;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import dev.gearbox.error.GatewayError;
import java.util.Map;

/**
 * Identifies the caller from request headers. The bearer token is never kept: its id is a short
 * SHA-256 prefix, stable for the same token, safe to log and to match in rules.
 */
final class Callers {
    private Callers() {}

    static Caller from(HttpServerRequest req, Map<String, String> metadata) {
        String tier = first(req.getHeader(Headers.CALLER_TIER), metadata.get("tier"));
        String plan = first(req.getHeader(Headers.PLAN), metadata.get("plan"));
        return new Caller(keyId(bearer(req)), first(req.getHeader(Headers.TAG), metadata.get("feature")), tier, plan,
                sla(first(req.getHeader(Headers.LATENCY_SLA), metadata.get("latency_sla_ms"))), metadata, List.of(), null);
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a.trim() : b;
    }

    /** The SLA header as milliseconds; anything that is not a positive integer is a clear 400. */
    static int sla(String v) {
        if (v == null || v.isBlank()) return 0;
        try {
            int ms = Integer.parseInt(v.trim());
            if (ms > 0) return ms;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new GatewayError.BadRequest("Header " + Headers.LATENCY_SLA + " must be a positive number of milliseconds, got '"
                + Headers.safe(v) + "'.", Headers.LATENCY_SLA, "invalid_header");
    }

    static String bearer(HttpServerRequest req) {
        String auth = req.getHeader("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) return auth.substring(7).trim();
        String xKey = req.getHeader("x-api-key");
        return xKey == null ? null : xKey.trim();
    }

    /** Recent tokens' ids: a client sends the same key on every request, and hashing it each time showed in profiles. */
    private static final int KNOWN_IDS = 4_096;
    private static final java.util.concurrent.ConcurrentHashMap<String, String> IDS = new java.util.concurrent.ConcurrentHashMap<>();

    static String keyId(String token) {
        if (token == null || token.isEmpty()) return Caller.ANONYMOUS;
        String id = IDS.get(token);
        if (id != null) return id;
        id = hashId(token);
        if (IDS.size() >= KNOWN_IDS) IDS.clear();
        IDS.put(token, id);
        return id;
    }

    private static String hashId(String token) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "key-" + HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
