package dev.gearbox.providers;

import io.vertx.core.MultiMap;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Reads how long a provider asked us to wait: {@code retry-after-ms}, or {@code Retry-After} in seconds or as an HTTP date. */
public final class RetryAfter {
    private RetryAfter() {}

    /** The wait, or null when the provider said nothing usable. */
    public static Duration from(MultiMap headers, java.time.Clock clock) {
        if (headers == null) return null;
        String ms = headers.get("retry-after-ms");
        if (ms != null) {
            try {
                return Duration.ofMillis((long) Double.parseDouble(ms.trim()));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        String v = headers.get("retry-after");
        if (v == null || v.isBlank()) return null;
        v = v.trim();
        try {
            return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }
}
