package dev.gearbox.learn;

import dev.gearbox.embed.VectorBank;

/**
 * A bank of labelled prompt embeddings (unit length) and the similarity-weighted mean label of a
 * prompt's {@code k} nearest neighbours: how much the strong model gained over the weak one on
 * prompts like this one.
 */
public final class Neighbours {
    private final VectorBank bank;
    private final float[] gain;
    private final int k;
    private final double power;

    public Neighbours(float[][] bank, float[] gain, int k, double power) {
        if (bank.length != gain.length) throw new IllegalArgumentException("one label per embedding");
        this.bank = new VectorBank(bank);
        this.gain = gain;
        this.k = Math.min(k, bank.length);
        this.power = power;
    }

    public int size() { return bank.size(); }
    public int k() { return k; }
    public double power() { return power; }
    /** The bank's rows, copied out. */
    float[][] bank() { return bank.rows(); }
    float[] gain() { return gain; }

    /** The weighted mean gain over the k most similar bank prompts (cosine; the query must be unit length). */
    public double estimate(float[] query) {
        int[] top = new int[k];
        double[] sim = new double[k];
        int filled = bank.nearest(query, top, sim);
        double num = 0, den = 0;
        for (int j = 0; j < filled; j++) {
            double w = Math.pow(Math.max(0, sim[j]), power) + 1e-9;
            num += w * gain[top[j]];
            den += w;
        }
        return num / den;
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
