package dev.gearbox.report;

import java.time.Duration;
import java.util.Locale;

/**
 * A report's time window as people write it ({@code 30m}, {@code 24h}, {@code 7d}), shared by
 * {@code gearbox report --since} and the admin API's {@code ?since=} so both read the same span.
 */
public record Window(String text, long millis) {
    /** The longest window the admin API accepts (a year): beyond that a query is a data export, not a page. */
    public static final long MAX_MILLIS = Duration.ofDays(366).toMillis();

    /** Parses {@code 30m}, {@code 24h} or {@code 7d}; a clear message for anything else. */
    public static Window parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        if (t.length() < 2) throw new IllegalArgumentException("A window is a number and a unit, like 30m, 24h or 7d; got '" + s + "'.");
        long n;
        try {
            n = Long.parseLong(t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("A window is a number and a unit, like 30m, 24h or 7d; got '" + s + "'.");
        }
        if (n <= 0) throw new IllegalArgumentException("A window must be longer than zero; got '" + s + "'.");
        long ms = switch (t.charAt(t.length() - 1)) {
            case 'm' -> Duration.ofMinutes(n).toMillis();
            case 'h' -> Duration.ofHours(n).toMillis();
            case 'd' -> Duration.ofDays(n).toMillis();
            default -> throw new IllegalArgumentException("A window ends in m, h or d (like 30m, 24h, 7d); got '" + s + "'.");
        };
        if (ms > MAX_MILLIS) throw new IllegalArgumentException("A window is at most 366d; got '" + s + "'.");
        return new Window(t, ms);
    }
}
