package dev.gearbox.observe;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Observations kept in memory (a ledger with {@code store: memory}, and tests). */
public final class MemoryObservationLog implements ObservationLog {
    private final List<ShadowTest> tests = new CopyOnWriteArrayList<>();
    private final List<Feedback> feedback = new CopyOnWriteArrayList<>();

    @Override public void shadowTest(ShadowTest t) { tests.add(t); }
    @Override public void feedback(Feedback f) { feedback.add(f); }
    @Override public List<ShadowTest> shadowTests() { return List.copyOf(tests); }
    @Override public List<Feedback> feedbacks() { return List.copyOf(feedback); }
}
