package dev.gearbox.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.Json;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError.UpstreamError;
import dev.gearbox.providers.RetryAfter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * Classifies an OpenAI-compatible error answer from its HTTP status and the structured
 * {@code error.type} / {@code error.code} fields, never from message text.
 *
 * <table>
 *   <caption>Mapping, first match wins (a field value matches in either {@code code} or {@code type})</caption>
 *   <tr><th>status / field</th><th>ErrorClass</th><th>why</th></tr>
 *   <tr><td>{@code context_length_exceeded}</td><td>CONTEXT_LENGTH</td><td>a larger model may take it</td></tr>
 *   <tr><td>{@code content_policy_violation}, {@code content_filter}</td><td>CONTENT_POLICY</td><td>return it, do not shop around</td></tr>
 *   <tr><td>{@code insufficient_quota} (a 429)</td><td>AUTH</td><td>the account is out of credit: waiting never
 *       helps, so it is not RATE_LIMITED; like a bad key it is the account's problem, and another
 *       deployment (another account) may serve</td></tr>
 *   <tr><td>{@code rate_limit_exceeded}</td><td>RATE_LIMITED</td><td>back off per {@code retry-after-ms} / {@code Retry-After}</td></tr>
 *   <tr><td>{@code model_not_found}</td><td>NOT_FOUND</td><td>even when sent with 400</td></tr>
 *   <tr><td>{@code invalid_api_key}, {@code authentication_error}</td><td>AUTH</td><td></td></tr>
 *   <tr><td>status 0: an error object inside a 200 body or a stream</td><td>SERVER_ERROR</td><td>the call broke mid-way</td></tr>
 *   <tr><td>anything else</td><td>{@link ErrorClass#fromStatus}</td><td>400 BAD_REQUEST, 401/403 AUTH, 404 NOT_FOUND,
 *       429 RATE_LIMITED, 500/502 SERVER_ERROR, 503 OVERLOADED, 504 TIMEOUT</td></tr>
 * </table>
 *
 * <p>The message is {@code "<provider>: <error.message>"}. A 401's text is replaced by a fixed one:
 * OpenAI echoes part of the key it rejected, and that key is the gateway's, not the client's. A
 * Retry-After hint is kept whatever the class. A body that is not a JSON error keeps the status class.
 */
public final class OpenAiErrors {
    /** Longest upstream message passed on; the rest is cut so a huge HTML page cannot flood logs. */
    public static final int MAX_MESSAGE_CHARS = 1000;

    private OpenAiErrors() {}

    public static UpstreamError classify(String provider, String deployment, int status, MultiMap headers, Buffer body) {
        return classify(provider, deployment, status, headers, body, Clock.systemUTC());
    }

    /** As {@link #classify(String, String, int, MultiMap, Buffer)} with the clock used for HTTP-date Retry-After. */
    public static UpstreamError classify(String provider, String deployment, int status, MultiMap headers, Buffer body,
                                         Clock clock) {
        JsonNode root = null;
        if (body != null && body.length() > 0) {
            try {
                root = Json.MAPPER.readTree(body.getBytes());
            } catch (IOException notJson) {
                root = null;
            }
        }
        return fromJson(provider, deployment, status, RetryAfter.from(headers, clock), root);
    }

    /** Classifies an already parsed error document ({@code {"error": ...}}, a bare error object, or null). */
    static UpstreamError fromJson(String provider, String deployment, int status, Duration retryAfter, JsonNode root) {
        JsonNode error = errorObject(root);
        String code = error == null ? null : textual(error.get("code"));
        String type = error == null ? null : textual(error.get("type"));
        String message = error == null ? null : textual(error.get("message"));
        if (error != null && error.isTextual()) message = error.textValue();

        ErrorClass cls;
        String upstreamCode = code;
        if (is("context_length_exceeded", code, type)) {
            cls = ErrorClass.CONTEXT_LENGTH;
            upstreamCode = "context_length_exceeded";
        } else if (is("content_policy_violation", code, type) || is("content_filter", code, type)) {
            cls = ErrorClass.CONTENT_POLICY;
            upstreamCode = is("content_filter", code, type) ? "content_filter" : "content_policy_violation";
        } else if (is("insufficient_quota", code, type)) {
            cls = ErrorClass.AUTH;
            upstreamCode = "insufficient_quota";
        } else if (is("rate_limit_exceeded", code, type)) {
            cls = ErrorClass.RATE_LIMITED;
            upstreamCode = "rate_limit_exceeded";
        } else if (is("model_not_found", code, type)) {
            cls = ErrorClass.NOT_FOUND;
            upstreamCode = "model_not_found";
        } else if (is("invalid_api_key", code, type) || is("authentication_error", code, type)) {
            cls = ErrorClass.AUTH;
        } else if (status == 0) {
            cls = ErrorClass.SERVER_ERROR;
        } else {
            cls = ErrorClass.fromStatus(status);
        }
        return new UpstreamError(provider, deployment, status, cls, describe(provider, status, root, error, message),
                upstreamCode, retryAfter);
    }

    private static String describe(String provider, int status, JsonNode root, JsonNode error, String message) {
        String prefix = provider + ": ";
        if (status == 401) return prefix + "the upstream rejected the configured API key (HTTP 401).";
        if (message != null && !message.isBlank()) {
            return prefix + (message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) + "..." : message);
        }
        String http = status == 0 ? "error event" : "HTTP " + status;
        if (root == null) return prefix + http + " with a body that is not JSON.";
        if (error == null) return prefix + http + " with a JSON body that holds no error object.";
        return prefix + http + " without an error message.";
    }

    /** Finds the error object in the shapes compatible servers use: {error:{...}}, {error:"..."}, [{error:...}], {message,...}. */
    private static JsonNode errorObject(JsonNode root) {
        if (root == null) return null;
        if (root.isArray() && !root.isEmpty()) root = root.get(0);
        if (!root.isObject()) return null;
        JsonNode e = root.get("error");
        if (e != null && (e.isObject() || e.isTextual())) return e;
        if (root.has("message")) return root; // vLLM's older {"object":"error","message":...,"type":...}
        return null;
    }

    private static boolean is(String value, String code, String type) {
        return value.equals(code) || value.equals(type);
    }

    /** A string field's value; numbers (vLLM's {@code code: 400}) are not codes worth passing on. */
    private static String textual(JsonNode n) {
        return n != null && n.isTextual() ? n.textValue() : null;
    }
}
