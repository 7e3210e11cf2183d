package dev.gearbox.error;

/**
 * What kind of upstream failure happened, decided from status codes and structured error fields
 * (never message text). The class, not the provider, decides what Gearbox does next.
 */
public enum ErrorClass {
    /** The request itself is wrong; it would fail the same everywhere. Return to the client. */
    BAD_REQUEST(Action.RETURN),
    /** The provider rejected our credentials; another deployment may hold a good key. */
    AUTH(Action.NEXT_CANDIDATE),
    /** The model or endpoint does not exist on that deployment. */
    NOT_FOUND(Action.NEXT_CANDIDATE),
    /** The prompt does not fit this model's context window; a larger model may take it. */
    CONTEXT_LENGTH(Action.NEXT_CANDIDATE),
    /** The provider's content policy refused the request; return it rather than shop around. */
    CONTENT_POLICY(Action.RETURN),
    /** 429: back off (honouring Retry-After); do not jump to a deployment behind the same limit. */
    RATE_LIMITED(Action.RETRY_SAME),
    /** The provider is overloaded (529, 503 overloaded); try another provider. */
    OVERLOADED(Action.NEXT_CANDIDATE),
    /** 5xx from the provider. */
    SERVER_ERROR(Action.RETRY_SAME),
    /** No answer (or no first byte) in time. */
    TIMEOUT(Action.NEXT_CANDIDATE),
    /** Connection refused or reset, DNS failure. */
    CONNECTION(Action.NEXT_CANDIDATE);

    /** The documented default reaction to an error class. */
    public enum Action { RETURN, RETRY_SAME, NEXT_CANDIDATE }

    private final Action action;

    ErrorClass(Action action) {
        this.action = action;
    }

    public Action action() {
        return action;
    }

    /** Whether another attempt (same or next deployment) can possibly succeed. */
    public boolean retriable() {
        return action != Action.RETURN;
    }

    /** The default class for an HTTP status when the body says nothing more specific. */
    public static ErrorClass fromStatus(int status) {
        return switch (status) {
            case 400, 422 -> BAD_REQUEST;
            case 401, 403 -> AUTH;
            case 404 -> NOT_FOUND;
            case 408, 504 -> TIMEOUT;
            case 413 -> CONTEXT_LENGTH;
            case 429 -> RATE_LIMITED;
            case 503, 529 -> OVERLOADED;
            default -> status >= 500 ? SERVER_ERROR : BAD_REQUEST;
        };
    }
}
