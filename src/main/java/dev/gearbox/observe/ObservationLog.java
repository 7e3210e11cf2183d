package dev.gearbox.observe;

import java.util.List;

/**
 * Where shadow tests and feedback go: rows written after the response, never on its path. The
 * JDBC log shares the ledger's database; the memory one serves demos and tests.
 */
public interface ObservationLog extends AutoCloseable {
    /** One evaluator's verdict on a served answer against another model's answer to the same request. */
    record ShadowTest(String requestId, long epochMillis, String route, String task, String servedModel, String otherModel,
                      String evaluator, double score, double otherCostUsd) {}

    /** A judgement of an answer: explicit (POST /v1/feedback) or implicit (a regenerate, the same question again). */
    record Feedback(String requestId, long epochMillis, double score, String source, String comment) {}

    void shadowTest(ShadowTest t);

    void feedback(Feedback f);

    /** What was logged (memory log only; the JDBC log is read with SQL). */
    default List<ShadowTest> shadowTests() { return List.of(); }

    default List<Feedback> feedbacks() { return List.of(); }

    @Override
    default void close() {}
}
