package dev.gearbox.learn;

import java.util.Arrays;

/**
 * A prompt as hashed character 4-grams: lower-cased, runs of white space collapsed to one space,
 * padded with a space at each end, every 4-character window hashed into {@link #DIMS} buckets.
 * Each bucket present counts {@code 1 + ln(count)} (sublinear term frequency). What it catches that
 * a sentence embedding blurs: the surface of a task (a puzzle's "Clue(s):", a code fence, option
 * letters, units), which says a lot about which model gets it right.
 */
public final class CharGrams {
    /** Hash buckets (a power of two). */
    public static final int DIMS = 1 << 15;
    /** Characters read from a prompt: the head, so a huge prompt costs no more than this. */
    static final int MAX_CHARS = 20_000;
    private static final int N = 4;

    /** Sparse counts: bucket indices ascending, one value per index. */
    public record Sparse(int[] index, float[] value) {}

    private CharGrams() {}

    public static Sparse of(String text) {
        char[] t = normalise(text);
        int windows = t.length - N + 1;
        if (windows <= 0) return new Sparse(new int[0], new float[0]);
        int[] h = new int[windows];
        for (int i = 0; i < windows; i++) h[i] = bucket(t[i], t[i + 1], t[i + 2], t[i + 3]);
        Arrays.sort(h);
        int distinct = 0;
        for (int i = 0; i < windows; i++) if (i == 0 || h[i] != h[i - 1]) distinct++;
        int[] index = new int[distinct];
        float[] value = new float[distinct];
        int d = -1;
        int run = 0;
        for (int i = 0; i < windows; i++) {
            if (i == 0 || h[i] != h[i - 1]) {
                if (d >= 0) value[d] = (float) (1 + Math.log(run));
                index[++d] = h[i];
                run = 0;
            }
            run++;
        }
        value[d] = (float) (1 + Math.log(run));
        return new Sparse(index, value);
    }

    /** Lower case, white space collapsed, a space each side; at most {@link #MAX_CHARS} characters of the text. */
    static char[] normalise(String text) {
        int len = Math.min(text.length(), MAX_CHARS);
        char[] out = new char[len + 2];
        int o = 0;
        out[o++] = ' ';
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (out[o - 1] != ' ') out[o++] = ' ';
            } else {
                out[o++] = Character.toLowerCase(c);
            }
        }
        if (out[o - 1] != ' ') out[o++] = ' ';
        return Arrays.copyOf(out, o);
    }

    /** FNV-1a over the four characters, finished with murmur3's mix so the low bits are well spread. */
    static int bucket(char a, char b, char c, char d) {
        int h = 0x811c9dc5;
        h = (h ^ a) * 0x01000193;
        h = (h ^ b) * 0x01000193;
        h = (h ^ c) * 0x01000193;
        h = (h ^ d) * 0x01000193;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h & (DIMS - 1);
    }
}
