package dev.gearbox.ledger;

/**
 * How a time window {@code [from, to)} is read: its whole hours {@code [hoursFrom, hoursTo)} from the
 * hourly rollup, the rest (the partial first hour, and the last one to two hours) from the rows, so
 * figures stay exact while a 30-day window reads a few hundred thousand rollup rows instead of every
 * request. The latest hour is read from the rows even when it is whole, so what was just served is
 * counted exactly.
 */
record Split(long from, long to, long hoursFrom, long hoursTo) {
    /** The window read from the rows alone. */
    static Split rowsOnly(long from, long to) {
        return new Split(from, to, from, from);
    }

    /** The window {@code [from, to)} as read at {@code now}. */
    static Split of(long from, long to, long now) {
        long h = HourlyRollup.HOUR;
        long start = Math.floorDiv(from, h) * h;
        if (start < from) start += h;
        long end = Math.floorDiv(Math.min(to, now - h), h) * h;
        return end > start ? new Split(from, to, start, end) : rowsOnly(from, to);
    }

    /** An open window from {@code from}, read now. */
    static Split since(long from) {
        return of(from, Long.MAX_VALUE, System.currentTimeMillis());
    }

    boolean hasHours() {
        return hoursTo > hoursFrom;
    }

    /** The row ranges: {@code [from, hoursFrom)} and {@code [hoursTo, to)}, or the whole window; empty ones left out. */
    long[][] rowRanges() {
        if (!hasHours()) return new long[][] {{from, to}};
        return java.util.stream.Stream.of(new long[] {from, hoursFrom}, new long[] {hoursTo, to}).filter(r -> r[1] > r[0]).toArray(long[][]::new);
    }
}
