package dev.gearbox.policy;

import java.util.Set;

/**
 * A routing policy: a pure function from a request's signals to a {@link Decision}. Policies do no
 * I/O on the calling thread; one that needs slow work (embeddings, a judge model) declares it in
 * {@link #needs} and reads the result from {@link RoutingInput#prepared()}, which the router's
 * async path fills off the event loop.
 */
public interface Policy {
    /** The configured name, e.g. {@code auto-rules}. */
    String id();

    /** A version string recorded with every decision, so a policy change is traceable in the ledger. */
    String version();

    Decision decide(RoutingInput input);

    /**
     * The slow work this policy (and the policies it may delegate to) can ask for; empty for policies
     * that decide from signals alone and so stay on the synchronous fast path.
     */
    default Set<Need<?>> needs() {
        return Set.of();
    }
}
