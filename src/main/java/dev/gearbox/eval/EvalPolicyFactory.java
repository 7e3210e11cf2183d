package dev.gearbox.eval;

/** Builds a policy for one evaluation; registered by name in a {@link EvalPolicies}. */
@FunctionalInterface
public interface EvalPolicyFactory {
    EvalPolicy create(PolicyContext context);
}
