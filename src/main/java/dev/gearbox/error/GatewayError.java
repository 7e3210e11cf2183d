package dev.gearbox.error;

import java.time.Duration;
import java.util.List;

/**
 * Every failure Gearbox reports to a client. Stages throw or fail futures with these; ingress
 * maps them to HTTP and the client's wire format in one place. Created without stack traces:
 * they are control flow on the hot path, not bugs.
 */
public abstract sealed class GatewayError extends RuntimeException {

    protected GatewayError(String message) {
        super(message, null, false, false);
    }

    /** HTTP status the client sees. */
    public abstract int status();

    /** OpenAI-style error type, e.g. {@code invalid_request_error}. */
    public String type() {
        return "invalid_request_error";
    }

    /** Machine-readable code, e.g. {@code model_not_found}; null when none applies. */
    public String code() {
        return null;
    }

    /** The request field the error is about, or null. */
    public String param() {
        return null;
    }

    /** A malformed or invalid request: bad JSON, a missing or wrongly typed field. */
    public static final class BadRequest extends GatewayError {
        private final String param;
        private final String code;

        public BadRequest(String message, String param) {
            this(message, param, null);
        }

        public BadRequest(String message, String param, String code) {
            super(message);
            this.param = param;
            this.code = code;
        }

        @Override public int status() { return 400; }
        @Override public String param() { return param; }
        @Override public String code() { return code; }
    }

    /** Missing or invalid gateway credentials. */
    public static final class Unauthorized extends GatewayError {
        public Unauthorized(String message) { super(message); }
        @Override public int status() { return 401; }
        @Override public String type() { return "authentication_error"; }
        @Override public String code() { return "invalid_api_key"; }
    }

    /** The key may not use what it asked for. */
    public static final class Forbidden extends GatewayError {
        public Forbidden(String message) { super(message); }
        @Override public int status() { return 403; }
        @Override public String type() { return "permission_error"; }
        @Override public String code() { return "model_not_allowed"; }
    }

    /** The requested model is neither in the catalog, an alias, nor {@code auto}. */
    public static final class ModelNotFound extends GatewayError {
        private final String model;
        private final List<String> closeMatches;

        public ModelNotFound(String model, List<String> closeMatches) {
            super("The model '" + model + "' does not exist or is not served by this gateway."
                    + (closeMatches.isEmpty() ? "" : " Did you mean: " + String.join(", ", closeMatches) + "?"));
            this.model = model;
            this.closeMatches = List.copyOf(closeMatches);
        }

        public String model() { return model; }
        public List<String> closeMatches() { return closeMatches; }
        @Override public int status() { return 404; }
        @Override public String code() { return "model_not_found"; }
        @Override public String param() { return "model"; }
    }

    /** The request body is over the configured limit. */
    public static final class PayloadTooLarge extends GatewayError {
        public PayloadTooLarge(long limitBytes) {
            super("Request body is larger than the limit of " + limitBytes + " bytes.");
        }
        @Override public int status() { return 413; }
        @Override public String code() { return "request_too_large"; }
    }

    /** The client took longer than the server's limit to send its request body (a slow client, slowloris). */
    public static final class RequestTimeout extends GatewayError {
        public RequestTimeout(long limitMillis) {
            super("The request body did not arrive within " + limitMillis + " ms.");
        }
        @Override public int status() { return 408; }
        @Override public String code() { return "request_timeout"; }
    }

    /** The request line or headers are over the server's limits, or not HTTP at all. */
    public static final class BadHead extends GatewayError {
        private final int status;
        private final String code;

        public BadHead(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
        @Override public int status() { return status; }
        @Override public String code() { return code; }
    }

    /** Unknown path or method. */
    public static final class NotFound extends GatewayError {
        public NotFound(String message) { super(message); }
        @Override public int status() { return 404; }
        @Override public String code() { return "not_found"; }
    }

    /** A routing rule or governance check refused the request. */
    public static final class RejectedByPolicy extends GatewayError {
        public RejectedByPolicy(String reason) { super(reason); }
        @Override public int status() { return 403; }
        @Override public String type() { return "permission_error"; }
        @Override public String code() { return "rejected_by_policy"; }
    }

    /** No deployment can serve the request (none configured, none with the needed capability). */
    public static final class NoRoute extends GatewayError {
        public NoRoute(String reason) { super(reason); }
        @Override public int status() { return 422; }
        @Override public String code() { return "no_route"; }
    }

    /** A gateway limit or budget refused the request. */
    public static final class RateLimited extends GatewayError {
        private final Duration retryAfter;
        private final String code;

        public RateLimited(String message, String code, Duration retryAfter) {
            super(message);
            this.code = code;
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() { return retryAfter; }
        @Override public int status() { return 429; }
        @Override public String type() { return "rate_limit_error"; }
        @Override public String code() { return code; }
    }

    /** The upstream provider answered with an error. The message never contains credentials. */
    public static final class UpstreamError extends GatewayError {
        private final String provider;
        private final String deployment;
        private final int upstreamStatus;
        private final ErrorClass errorClass;
        private final Duration retryAfter;
        private final String upstreamCode;

        public UpstreamError(String provider, String deployment, int upstreamStatus, ErrorClass errorClass,
                             String message, String upstreamCode, Duration retryAfter) {
            super(message);
            this.provider = provider;
            this.deployment = deployment;
            this.upstreamStatus = upstreamStatus;
            this.errorClass = errorClass;
            this.upstreamCode = upstreamCode;
            this.retryAfter = retryAfter;
        }

        public String provider() { return provider; }
        public String deployment() { return deployment; }
        public int upstreamStatus() { return upstreamStatus; }
        public ErrorClass errorClass() { return errorClass; }
        public Duration retryAfter() { return retryAfter; }

        @Override public int status() {
            return switch (errorClass) {
                case BAD_REQUEST, CONTEXT_LENGTH, CONTENT_POLICY -> 400;
                case RATE_LIMITED -> 429;
                case TIMEOUT -> 504;
                case OVERLOADED -> 503;
                default -> 502;
            };
        }

        @Override public String type() {
            return switch (errorClass) {
                case BAD_REQUEST, CONTEXT_LENGTH, CONTENT_POLICY -> "invalid_request_error";
                case RATE_LIMITED -> "rate_limit_error";
                default -> "upstream_error";
            };
        }

        @Override public String code() {
            if (upstreamCode != null) return upstreamCode;
            return errorClass == ErrorClass.CONTEXT_LENGTH ? "context_length_exceeded" : errorClass.name().toLowerCase();
        }

        /** The same error with another message (e.g. with a credential the provider echoed masked out). */
        public UpstreamError withMessage(String newMessage) {
            return new UpstreamError(provider, deployment, upstreamStatus, errorClass, newMessage, upstreamCode, retryAfter);
        }

        public Attempt toAttempt() {
            return new Attempt(deployment, provider, errorClass, upstreamStatus, getMessage());
        }
    }

    /** Every deployment that could serve the request has its circuit open; none was called. */
    public static final class Unavailable extends GatewayError {
        private final Duration retryAfter;

        public Unavailable(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() { return retryAfter; }
        @Override public int status() { return 503; }
        @Override public String type() { return "upstream_error"; }
        @Override public String code() { return "circuit_open"; }
    }

    /** Every candidate was tried and failed; lists the attempts in order. */
    public static final class AllAttemptsFailed extends GatewayError {
        private final List<Attempt> attempts;
        private final int status;

        public AllAttemptsFailed(List<Attempt> attempts, int status) {
            super(describe(attempts));
            this.attempts = List.copyOf(attempts);
            this.status = status;
        }

        private static String describe(List<Attempt> attempts) {
            StringBuilder sb = new StringBuilder("All ").append(attempts.size()).append(" attempt(s) failed:");
            for (Attempt a : attempts) {
                sb.append(' ').append(a.deployment()).append(" (").append(a.errorClass().name().toLowerCase());
                if (a.status() > 0) sb.append(' ').append(a.status());
                sb.append(");");
            }
            return sb.toString();
        }

        public List<Attempt> attempts() { return attempts; }
        @Override public int status() { return status; }
        @Override public String type() { return "upstream_error"; }
        @Override public String code() { return "all_attempts_failed"; }
    }

    /** A bug in Gearbox. Maps to 500; the message is generic, details go to the log. */
    public static final class Internal extends GatewayError {
        public Internal(String message) { super(message); }
        @Override public int status() { return 500; }
        @Override public String type() { return "server_error"; }
        @Override public String code() { return "internal_error"; }
    }
}
