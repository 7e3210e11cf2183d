package dev.gearbox.embed;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentence embeddings computed in-process: all-MiniLM-L6-v2 (quantized, 384 dimensions, ONNX
 * Runtime), shipped inside a Maven artifact, so no network and no model download. Vectors are
 * L2-normalised, so cosine similarity is a dot product. Thread-safe; blocking (a few ms per text):
 * never call it on an event loop.
 */
public final class Embedder {
    public static final int DIMENSIONS = 384;
    private static volatile Embedder shared;

    private final AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

    /** The process-wide instance (the ONNX session is loaded once, on first use). */
    public static Embedder shared() {
        Embedder e = shared;
        if (e == null) {
            synchronized (Embedder.class) {
                if (shared == null) shared = new Embedder();
                e = shared;
            }
        }
        return e;
    }

    public float[] embed(String text) {
        return normalise(model.embed(nonBlank(text)).content().vector());
    }

    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segs = new ArrayList<>(texts.size());
        for (String t : texts) segs.add(TextSegment.from(nonBlank(t)));
        List<float[]> out = new ArrayList<>(texts.size());
        for (var e : model.embedAll(segs).content()) out.add(normalise(e.vector()));
        return out;
    }

    /** The model rejects blank text; an empty prompt embeds as a lone period (a fixed, meaningless point). */
    private static String nonBlank(String t) {
        return t == null || t.isBlank() ? "." : t;
    }

    public static double cosine(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static float[] normalise(float[] v) {
        double n = 0;
        for (float x : v) n += x * x;
        n = Math.sqrt(n);
        if (n == 0) return v;
        for (int i = 0; i < v.length; i++) v[i] = (float) (v[i] / n);
        return v;
    }
}
