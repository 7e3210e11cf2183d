package dev.gearbox.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bit-level agreement with numpy on the cases where naive arithmetic would differ. */
class NumpyArithmeticTest {
    @Test
    void theSeventyPercentEdgeUsesPandasRoundTripThroughPercent() {
        // pandas passes np.linspace(0, 1, 11) * 100.0 and numpy divides by 100 again: 7 * 0.1 is
        // 0.7000000000000001 but the round trip lands on 0.7, so over 0..10 the virtual index is
        // exactly 7 and the edge exactly 7. Without the round trip the edge would be a hair above 7
        // and a prompt scoring exactly 7 would wrongly go to the weak model.
        double[] values = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

        double edge = NumpyArithmetic.quantileEdges(values, 10)[7];

        assertThat(edge).isEqualTo(7.0); // numpy: np.percentile(np.arange(11.), np.linspace(0,1,11)*100)[7] == 7.0
    }

    @Test
    void interpTakesTheLastPointOfAPlateauAndClampsOutside() {
        double[] xp = {0.2, 0.5, 0.5, 0.5, 0.9};
        double[] fp = {0, 10, 20, 30, 40};

        assertThat(NumpyArithmetic.interp(0.5, xp, fp)).isEqualTo(30.0);
        assertThat(NumpyArithmetic.interp(0.1, xp, fp)).isEqualTo(0.0);
        assertThat(NumpyArithmetic.interp(1.0, xp, fp)).isEqualTo(40.0);
        assertThat(NumpyArithmetic.interp(0.7, xp, fp)).isEqualTo(35.0);
    }

    @Test
    void trapezoidSumsPairwiseLikeNumpy() {
        // 0.1 x ten terms: sequential summation gives 0.9999999999999999, numpy's pairwise sum 1.0
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] y = new double[11];
        java.util.Arrays.fill(y, 0.1);

        assertThat(NumpyArithmetic.trapezoid(y, x)).isEqualTo(1.0);
    }
}
