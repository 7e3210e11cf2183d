package dev.gearbox.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * RouteLLM's curve on sets small enough to compute by hand. The expected values were worked out
 * on paper (and agree with numpy/pandas on the same arrays).
 */
class TwoModelMetricsTest {
    private static final double EPS = 1e-12;

    /**
     * Ten prompts with distinct scores 1..10: edges 1, 1.9, ..., 9.1, 10 send the top 10, 9, ..., 1,
     * 0 prompts strong. Gains (strong - weak) by score 1..10 are 1,0,0,1,1,1,0,1,1,1, so quality at
     * 0%, 10%, ..., 100% strong is .2 .3 .4 .5 .5 .6 .7 .8 .8 .8 .9. AUC = 0.1 x (.55 + 5.4) = .595,
     * APGR = (.595 - .2) / (.9 - .2) = 79/140; CPT(50%) hits quality .55 halfway between 40% and 50%;
     * CPT(80%) hits .76 at 60% of the way from 60% to 70%.
     */
    @Test
    void distinctScoresGiveElevenEvenlySpacedPoints() {
        double[] p = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] strong = {1, 1, 0, 1, 1, 1, 1, 1, 1, 1};
        double[] weak = {0, 1, 0, 0, 0, 0, 1, 0, 0, 0};

        TwoModelMetrics m = TwoModelMetrics.compute(p, strong, weak);

        assertThat(m.points()).extracting(CurvePoint::strongPercent).containsExactly(0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0);
        assertThat(m.points()).extracting(CurvePoint::quality)
                .usingComparatorForType((a, b) -> Math.abs(a - b) < EPS ? 0 : Double.compare(a, b), Double.class)
                .containsExactly(0.2, 0.3, 0.4, 0.5, 0.5, 0.6, 0.7, 0.8, 0.8, 0.8, 0.9);
        assertThat(TwoModelMetrics.thresholds(p)).containsExactly(new double[] {1, 1.9, 2.8, 3.7, 4.6, 5.5, 6.4, 7.3, 8.2, 9.1, 10}, within(EPS));
        assertThat(m.weakQuality()).isCloseTo(0.2, within(EPS));
        assertThat(m.strongQuality()).isCloseTo(0.9, within(EPS));
        assertThat(m.auc()).isCloseTo(0.595, within(EPS));
        assertThat(m.apgr()).isCloseTo(79.0 / 140.0, within(EPS));
        assertThat(m.cpt50()).isCloseTo(45.0, within(1e-9));
        assertThat(m.cpt80()).isCloseTo(66.0, within(1e-9));
        assertThat(m.uniqueEdges()).isTrue();
    }

    /**
     * Six prompts tie at 0, then 1, 1, 2, 3. The edges are 0 (six times), 0.4, 1, 1.2, 2.1, 3: the six
     * duplicate edges all send every prompt strong (one point repeated), 0.4 and 1 both send the
     * four non-zero prompts, and the last edge (3, strictly greater) sends none. pandas.qcut would
     * refuse these edges; duplicates add no area, so the curve is (0,.2) (10,.3) (20,.4) (40,.5)
     * (100,.7): AUC = .025 + .035 + .09 + .36 = .51, APGR = (.51 - .2)/(.7 - .2) = .62,
     * CPT(50%) = quality .45 = 30%, CPT(80%) = quality .6 = halfway from 40% to 100% = 70%.
     */
    @Test
    void tiedScoresGiveDuplicateEdgesThatAddNoArea() {
        double[] p = {0, 0, 0, 0, 0, 0, 1, 1, 2, 3};
        double[] strong = {1, 1, 0, 1, 0, 1, 1, 0, 1, 1};
        double[] weak = {0, 1, 0, 0, 0, 1, 0, 0, 0, 0};

        TwoModelMetrics m = TwoModelMetrics.compute(p, strong, weak);

        assertThat(TwoModelMetrics.thresholds(p)).containsExactly(new double[] {0, 0, 0, 0, 0, 0, 0.4, 1, 1.2, 2.1, 3}, within(1e-12));
        assertThat(m.uniqueEdges()).isFalse();
        assertThat(m.points()).extracting(CurvePoint::strongPercent).containsExactly(0.0, 10.0, 20.0, 40.0, 40.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0);
        assertThat(m.auc()).isCloseTo(0.51, within(EPS));
        assertThat(m.apgr()).isCloseTo(0.62, within(EPS));
        assertThat(m.cpt50()).isCloseTo(30.0, within(1e-9));
        assertThat(m.cpt80()).isCloseTo(70.0, within(1e-9));
    }

    /**
     * Scores 1, 2, 3, 3 on a 1-10 scale (MT-Bench style). The top two tie at the maximum: every edge
     * from 3 on sends both strong, the last edge (strictly greater) neither. Points: (0, 6),
     * (50, 7.25) six times, (75, 7.25) three times, (100, 8.25). AUC = 3.3125 + 1.8125 + 1.9375 =
     * 7.0625, APGR = 1.0625 / 2.25. CPT(80%) targets 7.8; numpy.interp takes the last point of the
     * 7.25 plateau (75%), so 75 + 25 x .55 = 88.75.
     */
    @Test
    void theLastEdgeIsStrictSoPromptsTiedAtTheMaximumLeaveTogether() {
        double[] p = {1, 2, 3, 3};
        double[] strong = {9, 8, 10, 6};
        double[] weak = {5, 8, 4, 7};

        TwoModelMetrics m = TwoModelMetrics.compute(p, strong, weak);

        assertThat(m.points()).extracting(CurvePoint::strongPercent).containsExactly(0.0, 50.0, 50.0, 50.0, 50.0, 50.0, 50.0, 75.0, 75.0, 75.0, 100.0);
        assertThat(m.points().getFirst().threshold()).as("the last edge sorts first: nobody strong").isEqualTo(3.0);
        assertThat(m.auc()).isCloseTo(7.0625, within(EPS));
        assertThat(m.apgr()).isCloseTo(1.0625 / 2.25, within(EPS));
        assertThat(m.cpt50()).isCloseTo(45.0, within(1e-9));
        assertThat(m.cpt80()).isCloseTo(88.75, within(1e-9));
        assertThat(m.uniqueEdges()).isFalse();
    }

    @Test
    void theOracleOrderingBeatsAnyOtherAndRandomIsAboutHalf() {
        int n = 2000;
        double[] strong = new double[n];
        double[] weak = new double[n];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            strong[i] = rnd.nextDouble() < 0.8 ? 1 : 0;
            weak[i] = rnd.nextDouble() < 0.5 ? 1 : 0;
        }
        double[] gain = new double[n];
        double[] random = new double[n];
        for (int i = 0; i < n; i++) {
            gain[i] = strong[i] - weak[i];
            random[i] = rnd.nextDouble();
        }

        assertThat(TwoModelMetrics.compute(gain, strong, weak).apgr()).isGreaterThan(1.0);
        assertThat(TwoModelMetrics.compute(random, strong, weak).apgr()).isBetween(0.4, 0.6);
    }
}
