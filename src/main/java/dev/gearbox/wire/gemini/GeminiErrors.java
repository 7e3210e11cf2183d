package dev.gearbox.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.Json;
import dev.gearbox.config.Deployment;
import dev.gearbox.config.Secret;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import dev.gearbox.providers.RetryAfter;
import io.vertx.core.MultiMap;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies Gemini's errors from the HTTP status and the structured {@code error} object
 * ({@code {"error": {"code", "message", "status", "details"}}}, sometimes wrapped in a one-element
 * array), never from the message text:
 *
 * <table>
 *   <caption>error.status to error class</caption>
 *   <tr><th>error.status (or details)</th><th>class</th></tr>
 *   <tr><td>ErrorInfo reason {@code API_KEY_INVALID} (sent as 400 INVALID_ARGUMENT)</td><td>AUTH</td></tr>
 *   <tr><td>INVALID_ARGUMENT, FAILED_PRECONDITION</td><td>BAD_REQUEST</td></tr>
 *   <tr><td>UNAUTHENTICATED, PERMISSION_DENIED</td><td>AUTH</td></tr>
 *   <tr><td>NOT_FOUND</td><td>NOT_FOUND</td></tr>
 *   <tr><td>RESOURCE_EXHAUSTED</td><td>RATE_LIMITED</td></tr>
 *   <tr><td>UNAVAILABLE</td><td>OVERLOADED</td></tr>
 *   <tr><td>INTERNAL</td><td>SERVER_ERROR</td></tr>
 *   <tr><td>DEADLINE_EXCEEDED</td><td>TIMEOUT</td></tr>
 *   <tr><td>anything else, or no readable body</td><td>{@link ErrorClass#fromStatus} of the HTTP status</td></tr>
 * </table>
 *
 * The wait comes from {@code Retry-After}/{@code retry-after-ms} headers, else from a
 * {@code google.rpc.RetryInfo} detail's {@code retryDelay} (e.g. {@code "39s"}). Messages name the
 * status and Gemini's own message, with the deployment's API key masked should it ever appear.
 */
public final class GeminiErrors {
    /** Longest upstream message quoted in an error; the rest is cut. */
    public static final int MAX_MESSAGE_CHARS = 500;

    private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";
    private static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";
    private static final Pattern DURATION = Pattern.compile("^(\\d+(?:\\.\\d{1,9})?)s$");

    private GeminiErrors() {}

    /** The error class for an HTTP status, Gemini's {@code error.status} and an ErrorInfo reason (each may be null). */
    public static ErrorClass classify(int httpStatus, String grpcStatus, String reason) {
        if ("API_KEY_INVALID".equals(reason)) return ErrorClass.AUTH;
        if (grpcStatus != null) {
            switch (grpcStatus) {
                case "INVALID_ARGUMENT", "FAILED_PRECONDITION" -> { return ErrorClass.BAD_REQUEST; }
                case "UNAUTHENTICATED", "PERMISSION_DENIED" -> { return ErrorClass.AUTH; }
                case "NOT_FOUND" -> { return ErrorClass.NOT_FOUND; }
                case "RESOURCE_EXHAUSTED" -> { return ErrorClass.RATE_LIMITED; }
                case "UNAVAILABLE" -> { return ErrorClass.OVERLOADED; }
                case "INTERNAL" -> { return ErrorClass.SERVER_ERROR; }
                case "DEADLINE_EXCEEDED" -> { return ErrorClass.TIMEOUT; }
                default -> { /* fall back to the HTTP status */ }
            }
        }
        return ErrorClass.fromStatus(httpStatus);
    }

    /** A non-2xx answer. */
    public static GatewayError.UpstreamError fromHttp(Deployment d, int status, MultiMap headers, String body, Clock clock) {
        JsonNode error = errorObject(body);
        Duration wait = RetryAfter.from(headers, clock);
        return build(d, status, error, wait);
    }

    /** An {@code error} object that arrived inside a 2xx answer or a stream. */
    public static GatewayError.UpstreamError fromErrorObject(Deployment d, JsonNode error) {
        int status = error.path("code").isInt() ? error.get("code").asInt() : 0;
        return build(d, status, error, null);
    }

    private static GatewayError.UpstreamError build(Deployment d, int status, JsonNode error, Duration headerWait) {
        String grpc = error != null && error.path("status").isTextual() ? error.get("status").asText() : null;
        JsonNode details = error == null ? null : error.get("details");
        ErrorClass cls = classify(status, grpc, reason(details));
        Duration wait = headerWait != null ? headerWait : retryDelay(details);
        StringBuilder msg = new StringBuilder("Gemini returned");
        if (status > 0) msg.append(' ').append(status);
        if (grpc != null) msg.append(' ').append(grpc);
        String upstream = error != null && error.path("message").isTextual() ? error.get("message").asText() : null;
        if (upstream != null && !upstream.isBlank()) {
            if (upstream.length() > MAX_MESSAGE_CHARS) upstream = upstream.substring(0, MAX_MESSAGE_CHARS) + "...";
            msg.append(": ").append(upstream);
        } else {
            msg.append('.');
        }
        return new GatewayError.UpstreamError(d.provider().name(), d.id(), status, cls,
                mask(msg.toString(), d.provider().apiKey()), null, wait);
    }

    /** The {@code error} object of a body, unwrapping the one-element array Gemini sometimes sends; null if none. */
    static JsonNode errorObject(String body) {
        if (body == null || body.isBlank()) return null;
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (Exception notJson) {
            return null;
        }
        if (root != null && root.isArray() && !root.isEmpty()) root = root.get(0);
        JsonNode error = root == null ? null : root.get("error");
        return error != null && error.isObject() ? error : null;
    }

    private static String reason(JsonNode details) {
        if (details == null || !details.isArray()) return null;
        for (JsonNode d : details) {
            if (ERROR_INFO.equals(d.path("@type").asText()) && d.path("reason").isTextual()) return d.get("reason").asText();
        }
        return null;
    }

    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    /** The {@code retryDelay} of a RetryInfo detail (protobuf Duration JSON, e.g. "1.5s"), or null. */
    static Duration retryDelay(JsonNode details) {
        if (details == null || !details.isArray()) return null;
        for (JsonNode d : details) {
            if (!RETRY_INFO.equals(d.path("@type").asText())) continue;
            Matcher m = DURATION.matcher(d.path("retryDelay").asText(""));
            if (m.matches()) {
                BigDecimal nanos = new BigDecimal(m.group(1)).movePointRight(9);
                // an absurd delay (beyond 292 years) saturates, as a huge Retry-After header does, instead of failing the parse
                return nanos.compareTo(MAX_NANOS) >= 0 ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos(nanos.longValue());
            }
        }
        return null;
    }

    private static String mask(String message, Secret key) {
        String raw = key == null ? null : key.reveal();
        return raw == null || raw.isEmpty() ? message : message.replace(raw, "****");
    }
}
