package dev.gearbox.policy;

/**
 * The dispatch stage's view of its deployments, as policies may consult it: whether a deployment
 * can take a request now (circuit breaker not open, under its RPM and TPM limits for the tokens the
 * request will use). Policies ask; they never change it.
 */
@FunctionalInterface
public interface Availability {
    /** Every deployment available: the view when nothing tracks health or capacity. */
    Availability ALL = (deploymentId, estimatedTokens) -> true;

    boolean available(String deploymentId, int estimatedTokens);
}
