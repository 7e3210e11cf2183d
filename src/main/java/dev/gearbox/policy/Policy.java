package dev.gearbox.policy;

/**
 * A routing policy: a pure function from a request's signals to a {@link Decision}. Policies do no
 * I/O on the calling thread; one that needs slow work (embeddings, a judge model) runs it elsewhere.
 */
public interface Policy {
    /** The configured name, e.g. {@code auto-rules}. */
    String id();

    /** A version string recorded with every decision, so a policy change is traceable in the ledger. */
    String version();

    Decision decide(RoutingInput input);
}
