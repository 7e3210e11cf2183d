package dev.gearbox.learn;

/**
 * A bank of labelled prompt embeddings (unit length) and the similarity-weighted mean label of a
 * prompt's {@code k} nearest neighbours: how much the strong model gained over the weak one on
 * prompts like this one.
 */
public final class Neighbours {
    private final float[][] bank;
    private final float[] gain;
    private final int k;
    private final double power;

    public Neighbours(float[][] bank, float[] gain, int k, double power) {
        if (bank.length != gain.length) throw new IllegalArgumentException("one label per embedding");
        if (bank.length == 0) throw new IllegalArgumentException("an empty neighbour bank");
        this.bank = bank;
        this.gain = gain;
        this.k = Math.min(k, bank.length);
        this.power = power;
    }

    public int size() { return bank.length; }
    public int k() { return k; }
    public double power() { return power; }
    float[][] bank() { return bank; }
    float[] gain() { return gain; }

    /** The weighted mean gain over the k most similar bank prompts (cosine; the query must be unit length). */
    public double estimate(float[] query) {
        int[] top = new int[k];
        double[] sim = new double[k];
        int filled = nearest(bank, query, top, sim);
        double num = 0, den = 0;
        for (int j = 0; j < filled; j++) {
            double w = Math.pow(Math.max(0, sim[j]), power) + 1e-9;
            num += w * gain[top[j]];
            den += w;
        }
        return num / den;
    }

    /**
     * The {@code top.length} bank rows most similar to the query, most similar first: fills
     * {@code top} with their indices and {@code sim} with their dot products; returns how many.
     */
    static int nearest(float[][] bank, float[] query, int[] top, double[] sim) {
        int k = top.length;
        int filled = 0;
        for (int i = 0; i < bank.length; i++) {
            double s = dot(bank[i], query);
            if (filled < k || s > sim[k - 1]) {
                int j = filled < k ? filled++ : k - 1;
                while (j > 0 && sim[j - 1] < s) {
                    sim[j] = sim[j - 1];
                    top[j] = top[j - 1];
                    j--;
                }
                sim[j] = s;
                top[j] = i;
            }
        }
        return filled;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** A unit-length copy. */
    public static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) n += x * x;
        n = Math.sqrt(n);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) (n == 0 ? 0 : v[i] / n);
        return out;
    }
}
