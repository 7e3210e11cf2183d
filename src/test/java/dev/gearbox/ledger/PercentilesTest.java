package dev.gearbox.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Percentiles from counted values equal the ranked rows' (the value at rank ceil(q x n)), which the ledger's SQL used before. */
class PercentilesTest {
    @Test
    void histogramPercentilesEqualRankingEveryRow() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(500);
            long[] values = new long[n];
            TreeMap<Long, Long> counts = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(round % 2 == 0 ? 20 : 5000);
                counts.merge(values[i], 1L, Long::sum);
            }
            Arrays.sort(values);
            for (double q : new double[] {0.5, 0.95, 0.99}) {
                long ranked = values[(int) Math.ceil(q * n) - 1]; // MIN(value) over rows with ROW_NUMBER() >= q * n
                assertThat(Percentiles.at(counts, q)).as("n=%d q=%s", n, q).isEqualTo(ranked);
            }
        }
        assertThat(Percentiles.at(new TreeMap<>(), 0.5)).isZero();
    }
}
