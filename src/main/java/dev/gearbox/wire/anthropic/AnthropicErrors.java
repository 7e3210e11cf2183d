package dev.gearbox.wire.anthropic;

import static dev.gearbox.chat.Json.MAPPER;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import dev.gearbox.providers.RetryAfter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * Anthropic error answers ({@code {"type":"error","error":{"type":...,"message":...}}}) classified
 * from the status and {@code error.type}, never from the message text:
 *
 * <table>
 *   <caption>error.type to error class</caption>
 *   <tr><th>error.type</th><th>usual status</th><th>class</th></tr>
 *   <tr><td>invalid_request_error</td><td>400</td><td>BAD_REQUEST</td></tr>
 *   <tr><td>authentication_error</td><td>401</td><td>AUTH</td></tr>
 *   <tr><td>billing_error</td><td>402</td><td>AUTH (this account cannot pay; another may)</td></tr>
 *   <tr><td>permission_error</td><td>403</td><td>AUTH</td></tr>
 *   <tr><td>not_found_error</td><td>404</td><td>NOT_FOUND</td></tr>
 *   <tr><td>request_too_large</td><td>413</td><td>BAD_REQUEST</td></tr>
 *   <tr><td>rate_limit_error</td><td>429</td><td>RATE_LIMITED</td></tr>
 *   <tr><td>api_error</td><td>500</td><td>SERVER_ERROR</td></tr>
 *   <tr><td>timeout_error</td><td>504</td><td>TIMEOUT</td></tr>
 *   <tr><td>overloaded_error</td><td>529</td><td>OVERLOADED</td></tr>
 *   <tr><td>anything else, or no JSON body</td><td>any</td><td>{@link ErrorClass#fromStatus}, except 413</td></tr>
 * </table>
 *
 * <p>A 413 is always BAD_REQUEST: Anthropic uses it for a body over the byte limit (answered by its
 * CDN), which every Anthropic deployment would refuse alike, not for a context window overflow.
 * Anthropic reports a prompt that is too long for the model only in the message text of an
 * {@code invalid_request_error}, so it classifies as BAD_REQUEST, not CONTEXT_LENGTH: the gateway
 * checks context windows itself before it sends. {@code retry-after} is read on every error (Anthropic
 * sends it on 429 and sometimes on 529); dispatch decides whether to honour it.
 */
public final class AnthropicErrors {
    /** Longest piece of the upstream's message kept in ours. */
    static final int MAX_MESSAGE_CHARS = 300;

    private AnthropicErrors() {}

    /** The class for a non-2xx answer with {@code errorType} (null when the body had none). */
    public static ErrorClass classify(int status, String errorType) {
        ErrorClass byType = byType(errorType);
        if (byType != null) return byType;
        return status == 413 ? ErrorClass.BAD_REQUEST : ErrorClass.fromStatus(status);
    }

    /** The error for a non-2xx answer; its message names the provider, status, type and upstream message. */
    public static GatewayError.UpstreamError decode(String provider, String deployment, int status, MultiMap headers,
                                                    Buffer body, Clock clock) {
        JsonNode error = errorObject(body);
        String type = text(error, "type");
        Duration retryAfter = RetryAfter.from(headers, clock);
        return new GatewayError.UpstreamError(provider, deployment, status, classify(status, type),
                describe(provider, "answered " + status, type, text(error, "message")), null, retryAfter);
    }

    /**
     * The error for an {@code error} event inside a stream that began with 200 (status 0: there is
     * no HTTP status of its own). An unknown type is a SERVER_ERROR: the stream broke upstream.
     */
    public static GatewayError.UpstreamError decodeStreamError(String provider, String deployment, JsonNode error) {
        String type = text(error, "type");
        ErrorClass cls = byType(type);
        return new GatewayError.UpstreamError(provider, deployment, 0, cls == null ? ErrorClass.SERVER_ERROR : cls,
                describe(provider, "sent a stream error", type, text(error, "message")), null, null);
    }

    private static ErrorClass byType(String type) {
        if (type == null) return null;
        return switch (type) {
            case "invalid_request_error", "request_too_large" -> ErrorClass.BAD_REQUEST;
            case "authentication_error", "permission_error", "billing_error" -> ErrorClass.AUTH;
            case "not_found_error" -> ErrorClass.NOT_FOUND;
            case "rate_limit_error" -> ErrorClass.RATE_LIMITED;
            case "api_error" -> ErrorClass.SERVER_ERROR;
            case "timeout_error" -> ErrorClass.TIMEOUT;
            case "overloaded_error" -> ErrorClass.OVERLOADED;
            default -> null;
        };
    }

    private static JsonNode errorObject(Buffer body) {
        if (body == null || body.length() == 0) return null;
        try {
            JsonNode root = MAPPER.readTree(body.getBytes());
            JsonNode error = root == null ? null : root.get("error");
            return error != null && error.isObject() ? error : null;
        } catch (IOException notJson) {
            return null; // an HTML page from a proxy: classify by status alone
        }
    }

    private static String describe(String provider, String what, String type, String message) {
        StringBuilder sb = new StringBuilder("Upstream ").append(provider).append(' ').append(what);
        if (type != null) sb.append(" (").append(type).append(')');
        if (message != null && !message.isBlank()) {
            sb.append(": ").append(message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) + "..." : message);
        } else {
            sb.append('.');
        }
        return sb.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode n = node == null ? null : node.get(field);
        return n == null || !n.isTextual() ? null : n.asText();
    }
}
