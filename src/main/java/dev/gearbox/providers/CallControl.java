package dev.gearbox.providers;

/**
 * Dispatch's handle on one upstream call while it is in flight: the adapter says when the
 * provider's response headers arrived (for the first-byte timeout) and registers how to abort the
 * call (timeouts, a hedge that lost, a client that left). Used on the call's event loop only.
 */
public final class CallControl {
    private Runnable abort;
    private Runnable headers;
    private boolean aborted;
    private boolean headersArrived;

    /** How to abort the call; runs at once if the call was already aborted. */
    public void onAbort(Runnable action) {
        if (aborted) action.run();
        else abort = action;
    }

    public void abort() {
        if (aborted) return;
        aborted = true;
        Runnable a = abort;
        abort = null;
        if (a != null) a.run();
    }

    public boolean aborted() {
        return aborted;
    }

    /** The provider's status line and headers arrived. */
    public void headersArrived() {
        if (headersArrived) return;
        headersArrived = true;
        if (headers != null) headers.run();
    }

    public void onHeaders(Runnable action) {
        if (headersArrived) action.run();
        else headers = action;
    }
}
