package dev.gearbox.learn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A {@link LearnedRouter} on disk: JSON with the blend's weights, the calibration, the threshold
 * curve and the neighbour bank (embeddings as int8, a quarter of their float size; labels as
 * float32), both base64. Self-describing and versioned: a file of another format is refused with
 * a clear message.
 */
public final class RouterFile {
    public static final String FORMAT = "gearbox-router/1";
    /** The router trained by {@code scripts/train-default-router.sh}, shipped in the jar. */
    public static final String DEFAULT_RESOURCE = "/routers/default.router.json";
    static final ObjectMapper JSON = new ObjectMapper();

    private RouterFile() {}

    public static void write(LearnedRouter r, Path file) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        LearnedRouter.Provenance p = r.provenance();
        if (p != null) {
            ArrayNode src = o.putArray("trained_on");
            p.trainedOn().forEach(src::add);
            o.put("seed", p.seed());
            o.put("examples", p.examples());
            o.put("holdout", p.holdout());
            o.put("brier", p.brier());
            o.put("created", p.created());
        }
        ArrayNode names = o.putArray("features");
        names.add("neighbour_gain");
        for (String n : PromptFeatures.NAMES) names.add(n);
        put(o.putArray("mean"), r.mean());
        put(o.putArray("sd"), r.sd());
        put(o.putArray("weights"), r.weights());
        o.put("bias", r.bias());
        o.putObject("platt").put("a", r.plattA()).put("b", r.plattB());
        ArrayNode curve = o.putArray("curve");
        for (LearnedRouter.Point pt : r.curve()) {
            curve.addObject().put("threshold", pt.threshold()).put("strong_share", pt.strongShare()).put("quality", pt.quality());
        }
        Neighbours nb = r.neighbours();
        ObjectNode bank = o.putObject("bank");
        float[][] rows = nb.bank();
        bank.put("k", nb.k()).put("power", nb.power()).put("count", nb.size()).put("dims", rows[0].length);
        bank.put("vectors_int8", int8(rows));
        bank.put("gain_f32", f32(nb.gain()));
        writeAtomically(o, file);
    }

    /** Writes beside the target and renames, so a gateway watching the file never reads half of it. */
    static void writeAtomically(ObjectNode o, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), o);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Unit vectors as int8 (x 127), base64: a quarter of their float size, cosine error under 1%. */
    static String int8(float[][] vectors) {
        ByteBuffer v = ByteBuffer.allocate(vectors.length * vectors[0].length);
        for (float[] e : vectors) for (float x : e) v.put((byte) Math.max(-127, Math.min(127, Math.round(x * 127f))));
        return Base64.getEncoder().encodeToString(v.array());
    }

    /** The inverse of {@link #int8}, renormalised to unit length. */
    static float[][] unitFromInt8(String base64, int count, int dims, String name) throws IOException {
        byte[] v = Base64.getDecoder().decode(base64);
        if (v.length != count * dims) throw new IOException(name + ": the neighbour bank is truncated");
        float[][] vectors = new float[count][dims];
        for (int i = 0; i < count; i++) for (int j = 0; j < dims; j++) vectors[i][j] = v[i * dims + j] / 127f;
        for (int i = 0; i < count; i++) vectors[i] = Neighbours.unit(vectors[i]);
        return vectors;
    }

    /** float32 little-endian, base64. */
    static String f32(float[] values) {
        ByteBuffer g = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : values) g.putFloat(x);
        return Base64.getEncoder().encodeToString(g.array());
    }

    /** The inverse of {@link #f32}, checking the count. */
    static float[] fromF32(String base64, int count, String name) throws IOException {
        byte[] g = Base64.getDecoder().decode(base64);
        if (g.length != count * 4) throw new IOException(name + ": a float array is truncated");
        ByteBuffer gb = ByteBuffer.wrap(g).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) out[i] = gb.getFloat();
        return out;
    }

    public static LearnedRouter read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** The shipped default router. */
    public static LearnedRouter shipped() {
        try (InputStream in = RouterFile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) throw new IllegalStateException("the default router " + DEFAULT_RESOURCE + " is missing from the build");
            return read(in, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the default router: " + e.getMessage(), e);
        }
    }

    static LearnedRouter read(InputStream in, String name) throws IOException {
        JsonNode o = JSON.readTree(in);
        if (o == null || !FORMAT.equals(o.path("format").asText())) {
            throw new IOException(name + " is not a Gearbox router file (format " + FORMAT + "); train one with ./gearbox train");
        }
        JsonNode bank = o.get("bank");
        int count = bank.get("count").asInt();
        int dims = bank.get("dims").asInt();
        float[][] vectors = unitFromInt8(bank.get("vectors_int8").asText(), count, dims, name);
        float[] gain = fromF32(bank.get("gain_f32").asText(), count, name);
        List<LearnedRouter.Point> curve = new ArrayList<>();
        for (JsonNode p : o.get("curve")) {
            curve.add(new LearnedRouter.Point(p.get("threshold").asDouble(), p.get("strong_share").asDouble(), p.get("quality").asDouble()));
        }
        List<String> sources = new ArrayList<>();
        o.path("trained_on").forEach(s -> sources.add(s.asText()));
        LearnedRouter.Provenance prov = new LearnedRouter.Provenance(sources, o.path("seed").asLong(), o.path("examples").asInt(),
                o.path("holdout").asInt(), o.path("brier").asDouble(), o.path("created").asText(null));
        return new LearnedRouter(new Neighbours(vectors, gain, bank.get("k").asInt(), bank.get("power").asDouble()),
                doubles(o.get("mean")), doubles(o.get("sd")), doubles(o.get("weights")), o.get("bias").asDouble(),
                o.get("platt").get("a").asDouble(), o.get("platt").get("b").asDouble(), curve, prov);
    }

    static void put(ArrayNode a, double[] v) {
        for (double x : v) a.add(x);
    }

    static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asDouble();
        return out;
    }
}
