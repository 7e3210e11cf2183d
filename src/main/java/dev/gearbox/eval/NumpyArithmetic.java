package dev.gearbox.eval;

import java.util.Arrays;

/**
 * The few numpy routines RouteLLM's evaluation leans on, reproduced operation for operation so
 * that thresholds and areas come out bit-identical: a one-ulp difference in a quantile edge
 * changes which prompts satisfy {@code p >= edge} when prompts tie on the edge.
 */
final class NumpyArithmetic {
    /** numpy's block size for pairwise summation ({@code PW_BLOCKSIZE}). */
    private static final int PAIRWISE_BLOCK = 128;
    /** numpy's {@code LIKELY_IN_CACHE_SIZE} in {@code binary_search_with_guess}. */
    private static final int LIKELY_IN_CACHE = 8;

    private NumpyArithmetic() {}

    /**
     * The {@code bins + 1} edges of pandas {@code qcut(values, bins, retbins=True)} before its
     * duplicate check: {@code np.percentile(values, np.linspace(0, 1, bins + 1) * 100.0)} with
     * numpy's default linear interpolation.
     */
    static double[] quantileEdges(double[] values, int bins) {
        if (values.length == 0) throw new IllegalArgumentException("no values to cut into quantiles");
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (double v : sorted) {
            if (Double.isNaN(v)) throw new IllegalArgumentException("p_strong is NaN");
        }
        double step = 1.0 / bins; // np.linspace: arange(num) * (delta / div) + start, last = stop
        double[] edges = new double[bins + 1];
        for (int k = 0; k <= bins; k++) {
            double q = k == bins ? 1.0 : k * step + 0.0;
            q = (q * 100.0) / 100.0; // pandas passes qs * 100.0, np.percentile divides by 100
            edges[k] = linearQuantile(sorted, q);
        }
        return edges;
    }

    /** numpy's "linear" method (Hyndman and Fan type 7) on sorted values, with numpy's lerp. */
    private static double linearQuantile(double[] sorted, double q) {
        int n = sorted.length;
        double virtualIndex = (n - 1) * q;
        if (virtualIndex >= n - 1) return sorted[n - 1];
        if (virtualIndex < 0) return sorted[0];
        double previous = Math.floor(virtualIndex);
        int i = (int) previous;
        double gamma = virtualIndex - previous;
        double a = sorted[i];
        double b = sorted[i + 1];
        double diff = b - a;
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }

    /** {@code np.trapz(y, x)}: {@code sum(diff(x) * (y[1:] + y[:-1]) / 2.0)}, summed pairwise. */
    static double trapezoid(double[] y, double[] x) {
        if (y.length != x.length) throw new IllegalArgumentException("x and y differ in length");
        if (y.length < 2) return 0.0;
        double[] terms = new double[y.length - 1];
        for (int i = 0; i < terms.length; i++) {
            terms[i] = (x[i + 1] - x[i]) * (y[i + 1] + y[i]) / 2.0;
        }
        return 0.0 + pairwiseSum(terms, 0, terms.length);
    }

    /** numpy's {@code pairwise_sum} for float64 reductions. */
    static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) res += a[from + i];
            return res;
        }
        if (n <= PAIRWISE_BLOCK) {
            double[] r = new double[8];
            System.arraycopy(a, from, r, 0, 8);
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) r[j] += a[from + i + j];
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) res += a[from + i];
            return res;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwiseSum(a, from, half) + pairwiseSum(a, from + half, n - half);
    }

    /**
     * {@code np.interp(x, xp, fp)} for one x, including its behaviour when xp is not increasing
     * (numpy does not check; RouteLLM passes quality values that may dip or repeat).
     */
    static double interp(double x, double[] xp, double[] fp) {
        int len = xp.length;
        if (len == 0 || len != fp.length) throw new IllegalArgumentException("xp and fp must be non-empty and equal in length");
        if (Double.isNaN(x)) return x;
        if (len == 1) return fp[0]; // left and right default to fp[0] and fp[-1]
        int j = binarySearchWithGuess(x, xp, 0);
        if (j == -1) return fp[0];
        if (j == len) return fp[len - 1];
        if (j == len - 1) return fp[j];
        if (xp[j] == x) return fp[j];
        double slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
        double result = slope * (x - xp[j]) + fp[j];
        if (Double.isNaN(result)) {
            result = slope * (x - xp[j + 1]) + fp[j + 1];
            if (Double.isNaN(result) && fp[j] == fp[j + 1]) result = fp[j];
        }
        return result;
    }

    private static int binarySearchWithGuess(double key, double[] arr, int guess) {
        int len = arr.length;
        int imin = 0;
        int imax = len;
        if (key > arr[len - 1]) return len;
        if (key < arr[0]) return -1;
        if (len <= 4) {
            int i = 1;
            while (i < len && key >= arr[i]) i++;
            return i - 1;
        }
        guess = Math.max(1, Math.min(guess, len - 3));
        if (key < arr[guess]) {
            if (key >= arr[guess - 1]) return guess - 1;
            imax = guess - 1;
            if (guess > LIKELY_IN_CACHE && key >= arr[guess - LIKELY_IN_CACHE]) imin = guess - LIKELY_IN_CACHE;
        } else {
            if (key < arr[guess + 1]) return guess;
            if (key < arr[guess + 2]) return guess + 1;
            imin = guess + 2;
            if (guess < len - LIKELY_IN_CACHE - 1 && key < arr[guess + LIKELY_IN_CACHE]) imax = guess + LIKELY_IN_CACHE;
        }
        while (imin < imax) {
            int imid = imin + ((imax - imin) >> 1);
            if (key >= arr[imid]) imin = imid + 1;
            else imax = imid;
        }
        return imin - 1;
    }
}
