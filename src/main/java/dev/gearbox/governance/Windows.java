package dev.gearbox.governance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The fixed windows limits are counted in: the UTC minute, day and month a moment falls in, and when each ends. */
record Windows(long minute, String day, String month, long minuteEnds, long dayEnds, long monthEnds) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    static Windows at(long epochMillis) {
        long minute = Math.floorDiv(epochMillis, 60_000L);
        LocalDate d = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
        long dayEnds = d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long monthEnds = d.withDayOfMonth(1).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        return new Windows(minute, DAY.format(d), MONTH.format(d), (minute + 1) * 60_000L, dayEnds, monthEnds);
    }
}
