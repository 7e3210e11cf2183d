package dev.gearbox.governance;

import dev.gearbox.error.GatewayError;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** The 429 a key gets for each limit: which limit, its value, and when it resets. */
final class Refusals {
    /** Which limit a request broke, as the admission scripts number them. */
    static final int OK = 0, RPM = 1, TPM = 2, DAILY = 3, MONTHLY = 4;

    private Refusals() {}

    static GatewayError.RateLimited of(int which, VirtualKey k, Windows w, long now) {
        return switch (which) {
            case RPM -> refuse("Key " + k.id() + " is over its limit of " + k.rpm() + " requests per minute", "rpm_limit_exceeded", w.minuteEnds(), now);
            case TPM -> refuse("Key " + k.id() + " is over its limit of " + k.tpm() + " tokens per minute", "tpm_limit_exceeded", w.minuteEnds(), now);
            case DAILY -> refuse("Key " + k.id() + " has spent its daily budget of $" + usd(k.dailyUsd()), "daily_budget_exceeded", w.dayEnds(), now);
            case MONTHLY -> refuse("Key " + k.id() + " has spent its monthly budget of $" + usd(k.monthlyUsd()), "monthly_budget_exceeded", w.monthEnds(), now);
            default -> throw new IllegalArgumentException("limit " + which);
        };
    }

    private static GatewayError.RateLimited refuse(String what, String code, long resetsAt, long now) {
        return new GatewayError.RateLimited(what + "; it resets at " + Instant.ofEpochMilli(resetsAt) + ".", code,
                Duration.ofMillis(Math.max(1000, resetsAt - now)));
    }

    private static String usd(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Budget left in USD from the micro-dollars spent, or null when the key has no budget. */
    static Double budgetLeft(VirtualKey k, long daySpent, long monthSpent) {
        Double left = null;
        if (k.dailyUsd() > 0) left = k.dailyUsd() - daySpent / 1e6;
        if (k.monthlyUsd() > 0) {
            double m = k.monthlyUsd() - monthSpent / 1e6;
            left = left == null ? m : Math.min(left, m);
        }
        return left == null ? null : Math.max(0, left);
    }
}
