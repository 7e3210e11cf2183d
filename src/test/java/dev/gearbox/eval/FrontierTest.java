package dev.gearbox.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FrontierTest {
    private static final double EPS = 1e-12;

    /**
     * Points (1,.2) (2,.5) (2.5,.3) (3,.55) (4,.9) (5,.85): (2.5,.3) and (3,.55) lie under the chord
     * from (2,.5) to (4,.9); (5,.85) is past the best point, where the curve stays flat. AIQ over
     * [0, 5]: (1 x .35 + 2 x .7 + 1 x .9) / 5 = 2.65 / 5 = .53.
     */
    @Test
    void hullDropsPointsUnderAChordAndPointsPastTheBest() {
        Frontier f = Frontier.of(List.of(cq(2.5, .3), cq(1, .2), cq(3, .55), cq(2, .5), cq(5, .85), cq(4, .9)));

        assertThat(f.vertices()).containsExactly(cq(1, .2), cq(2, .5), cq(4, .9));
        assertThat(f.aiq(5)).isCloseTo(0.53, within(EPS));
        assertThat(f.aiq(4)).as("no flat extension when the range ends at the best point").isCloseTo((0.35 + 1.4) / 4, within(EPS));
    }

    @Test
    void interpolatesQualityAtACostAndTheCheapestCostForAQuality() {
        Frontier f = Frontier.of(List.of(cq(1, .2), cq(2, .5), cq(4, .9)));

        assertThat(f.qualityAt(0.5)).as("cheaper than any point").isNull();
        assertThat(f.qualityAt(1)).isCloseTo(0.2, within(EPS));
        assertThat(f.qualityAt(3)).isCloseTo(0.7, within(EPS));
        assertThat(f.qualityAt(10)).isCloseTo(0.9, within(EPS));
        assertThat(f.cheapestCostReaching(0.1)).isCloseTo(1.0, within(EPS));
        assertThat(f.cheapestCostReaching(0.35)).isCloseTo(1.5, within(EPS));
        assertThat(f.cheapestCostReaching(0.9)).isCloseTo(4.0, within(EPS));
        assertThat(f.cheapestCostReaching(0.95)).isNull();
    }

    @Test
    void collinearAndSameCostPointsCollapse() {
        Frontier f = Frontier.of(List.of(cq(1, .125), cq(1, .25), cq(2, .5), cq(3, .75)));

        assertThat(f.vertices()).containsExactly(cq(1, .25), cq(3, .75));
    }

    @Test
    void aSinglePointIsFlatFromItsCost() {
        Frontier f = Frontier.of(List.of(cq(2, .6)));

        assertThat(f.aiq(4)).isCloseTo(0.6 * 2 / 4, within(EPS));
        assertThatThrownBy(() -> f.aiq(1)).hasMessageContaining("below the frontier's last cost");
    }

    private static CostQuality cq(double cost, double quality) {
        return new CostQuality(cost, quality);
    }
}
