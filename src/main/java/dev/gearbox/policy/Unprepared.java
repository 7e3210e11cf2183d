package dev.gearbox.policy;

/**
 * Thrown by {@link Prepared#require} when a policy needs slow work that has not been done yet: the
 * router's async path catches it, fulfils the need off the event loop and decides again. Reaching
 * a caller means the synchronous {@link Router#route} was used for a policy that needs slow work.
 * Control flow on the routing path, so no stack trace.
 */
public final class Unprepared extends RuntimeException {
    private final transient Need<?> need;

    Unprepared(Need<?> need) {
        super("the policy needs " + need.describe() + " first; route it with Router.routeAsync", null, false, false);
        this.need = need;
    }

    public Need<?> need() {
        return need;
    }
}
