package dev.gearbox.policy;

import java.util.List;

/**
 * One named semantic route: example utterances (embedded once, at config load) and where a request
 * that resembles them goes. {@code centroid} is the normalised mean of the examples.
 */
record SemanticRoute(String name, Target target, List<float[]> examples, float[] centroid) {
    SemanticRoute {
        examples = List.copyOf(examples);
    }

    static float[] centroidOf(List<float[]> vectors) {
        float[] c = new float[vectors.get(0).length];
        for (float[] v : vectors) for (int i = 0; i < c.length; i++) c[i] += v[i];
        double n = 0;
        for (float x : c) n += x * x;
        n = Math.sqrt(n);
        if (n > 0) for (int i = 0; i < c.length; i++) c[i] = (float) (c[i] / n);
        return c;
    }
}
