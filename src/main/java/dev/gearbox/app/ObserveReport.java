package dev.gearbox.app;

import dev.gearbox.ledger.ObserveQueries;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** {@code gearbox report --observe}: the observation window as a terminal report (its JSON is {@link dev.gearbox.report.Reports#observation}). */
final class ObserveReport {
    private ObserveReport() {}

    static void print(ObserveQueries q, long since, String window, String where, PrintWriter out) throws Exception {
        ObserveQueries.Window observed = q.window(since);
        List<ObserveQueries.WouldRoute> would = observed.wouldRoute();
        ObserveQueries.Savings s = observed.savings();
        List<ObserveQueries.Quality> quality = q.quality(since);
        List<ObserveQueries.Shadow> shadows = q.shadows(since);
        List<ObserveQueries.FeedbackSummary> feedback = q.feedback(since);
        out.printf(Locale.ROOT, "Observation report: ledger %s, last %s%n%n", where, window);
        out.printf(Locale.ROOT, "Observed requests: %d (routing decided and recorded; served as asked)%n%n", s.requests());
        out.printf(Locale.ROOT, "%-32s %9s %7s %12s %14s%n", "would route to", "requests", "share", "actual $", "projected $");
        for (ObserveQueries.WouldRoute w : would) {
            out.printf(Locale.ROOT, "%-32s %9d %6.1f%% %12.6f %14.6f%n", w.model(), w.requests(),
                    s.requests() == 0 ? 0 : 100.0 * w.requests() / s.requests(), w.costUsd(), w.projectedCostUsd());
        }
        out.printf(Locale.ROOT, "%nProjected savings if routing had been live: $%.6f of $%.6f (%.1f%%), 95%% interval $%.6f to $%.6f%n",
                s.savingsUsd(), s.costUsd(), s.savingsPercent(), s.low(), s.high());
        out.printf(Locale.ROOT, "%nMeasured quality from shadow tests (score 0..1: the cheaper answer judged against the other)%n");
        out.printf(Locale.ROOT, "%-24s %-12s %7s %7s %17s %12s%n", "route", "evaluator", "tests", "mean", "95% interval", "shadow $");
        for (ObserveQueries.Quality x : quality) {
            out.printf(Locale.ROOT, "%-24s %-12s %7d %7.3f %8.3f-%-8.3f %12.6f%n", x.route(), x.evaluator(), x.tests(), x.mean(), x.low(), x.high(),
                    x.otherCostUsd());
        }
        if (!shadows.isEmpty()) {
            out.printf(Locale.ROOT, "%nShadow policies (decided beside the active one, never executed)%n");
            out.printf(Locale.ROOT, "%-24s %9s %11s %14s %12s%n", "policy", "requests", "divergence", "projected $", "actual $");
            for (ObserveQueries.Shadow x : shadows) {
                out.printf(Locale.ROOT, "%-24s %9d %10.1f%% %14.6f %12.6f%n", x.policy(), x.requests(), 100 * x.divergence(),
                        x.projectedCostUsd(), x.actualCostUsd());
            }
        }
        if (!feedback.isEmpty()) {
            out.printf(Locale.ROOT, "%nFeedback%n");
            for (ObserveQueries.FeedbackSummary f : feedback) out.printf(Locale.ROOT, "  %-12s %6d  mean %.2f%n", f.source(), f.count(), f.meanScore());
        }
    }
}
