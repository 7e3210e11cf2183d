package dev.gearbox.policy;

/**
 * What a judge said about a request: a {@link Label}, or why there is none (it timed out, answered
 * something unusable, or failed), so the policy can fall back and say which happened.
 */
public sealed interface Judgement {
    /** The three difficulty labels a judge may give. */
    enum Level { SIMPLE, MODERATE, COMPLEX }

    record Label(Level level) implements Judgement {}

    /** Why a judge gave no label. */
    enum Failure { TIMEOUT, UNUSABLE, ERROR }

    /** No label, why, and the detail (the quoted answer, the error). */
    record NoLabel(Failure why, String detail) implements Judgement {}
}
