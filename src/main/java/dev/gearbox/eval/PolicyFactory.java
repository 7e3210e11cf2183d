package dev.gearbox.eval;

/** Builds a policy for one evaluation; registered by name in a {@link PolicyRegistry}. */
@FunctionalInterface
public interface PolicyFactory {
    EvalPolicy create(PolicyContext context);
}
