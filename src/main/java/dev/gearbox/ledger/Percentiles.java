package dev.gearbox.ledger;

import java.util.Map;
import java.util.NavigableMap;

/**
 * Percentiles from a histogram the store counted ({@code GROUP BY value}): the value at rank
 * ceil(q x n), exactly what ranking every row would give, without sorting the rows. Grouping by
 * value is a small aggregation in SQLite and PostgreSQL; ranking 10 million rows is not.
 */
final class Percentiles {
    private Percentiles() {}

    /** The smallest value whose cumulative count reaches {@code q} of the total (0 for an empty histogram). */
    static long at(NavigableMap<Long, Long> counts, double q) {
        long n = 0;
        for (long c : counts.values()) n += c;
        long cum = 0;
        for (Map.Entry<Long, Long> e : counts.entrySet()) {
            cum += e.getValue();
            if (cum >= q * n) return e.getKey();
        }
        return 0;
    }
}
