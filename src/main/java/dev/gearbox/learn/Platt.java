package dev.gearbox.learn;

/** Platt scaling: a one-feature logistic regression fitted by Newton's method, with Platt's smoothed targets. */
final class Platt {
    private Platt() {}

    /** {a, b} with P(positive | s) = 1 / (1 + exp(-(a s + b))). */
    static double[] fit(double[] s, boolean[] positive) {
        int pos = 0;
        for (boolean p : positive) if (p) pos++;
        int neg = positive.length - pos;
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (neg + 2.0);
        double a = 1, b = 0;
        for (int it = 0; it < 100; it++) {
            double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
            for (int i = 0; i < s.length; i++) {
                double p = 1 / (1 + Math.exp(-(a * s[i] + b)));
                double t = positive[i] ? hi : lo;
                double d = p - t;
                double w = p * (1 - p);
                ga += d * s[i];
                gb += d;
                haa += w * s[i] * s[i];
                hab += w * s[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (Math.abs(det) < 1e-12) break;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break;
        }
        return new double[] {a, b};
    }
}
