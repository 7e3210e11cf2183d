package dev.gearbox.learn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link QualityRouter} on disk: JSON naming its models and settings, with the ridge weights
 * (float32), the prior, the standardisation, the neighbour bank (embeddings int8, scores
 * float32) and the lexical head (idf and weights, float32), base64 where large. Versioned apart
 * from the two-model router file: each reader refuses the other's format with a message saying
 * which command writes which. Version 1 files (no lexical head) still load, with a lexical share of 0.
 */
public final class QualityRouterFile {
    public static final String FORMAT = "gearbox-quality-router/2";
    static final String FORMAT_1 = "gearbox-quality-router/1";

    private QualityRouterFile() {}

    public static void write(QualityRouter r, Path file) throws IOException {
        ObjectNode o = RouterFile.JSON.createObjectNode();
        o.put("format", FORMAT);
        LearnedRouter.Provenance p = r.provenance();
        if (p != null) {
            ArrayNode src = o.putArray("trained_on");
            p.trainedOn().forEach(src::add);
            o.put("seed", p.seed()).put("examples", p.examples()).put("holdout", p.holdout()).put("brier", p.brier()).put("created", p.created());
        }
        ArrayNode models = o.putArray("models");
        r.models().forEach(models::add);
        QualityRouter.Settings s = r.settings();
        o.putObject("settings").put("k", s.k()).put("shrink", s.shrink()).put("ridge", s.ridge()).put("blend", s.blend())
                .put("lexical", s.lexical()).put("lexical_ridge", s.lexicalRidge());
        RouterFile.put(o.putArray("prior"), r.prior());
        RouterFile.put(o.putArray("mean"), r.mean());
        RouterFile.put(o.putArray("sd"), r.sd());
        int f = r.weights().length;
        int m = r.models().size();
        float[] w = new float[f * m];
        for (int i = 0; i < f; i++) for (int j = 0; j < m; j++) w[i * m + j] = (float) r.weights()[i][j];
        o.put("weights_f32", RouterFile.f32(w));
        ObjectNode bank = o.putObject("bank");
        float[][] rows = r.bank();
        bank.put("count", r.size()).put("dims", rows[0].length);
        bank.put("vectors_int8", RouterFile.int8(rows));
        float[] sc = new float[r.size() * m];
        for (int i = 0; i < r.size(); i++) System.arraycopy(r.bankScores()[i], 0, sc, i * m, m);
        bank.put("scores_f32", RouterFile.f32(sc));
        LexicalHead lex = r.lexicalHead();
        if (lex != null) {
            o.putObject("lexical").put("dims", CharGrams.DIMS).put("idf_f32", RouterFile.f32(lex.idf())).put("weights_f32", RouterFile.f32(lex.weights()));
        }
        RouterFile.writeAtomically(o, file);
    }

    public static QualityRouter read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    static QualityRouter read(InputStream in, String name) throws IOException {
        JsonNode o = RouterFile.JSON.readTree(in);
        String format = o == null ? "" : o.path("format").asText();
        if (RouterFile.FORMAT.equals(format)) {
            throw new IOException(name + " is a two-model router (" + format + "; use it with type: learned); a quality router for "
                    + "cost-aware policies is trained with ./gearbox train on a routeset of several models");
        }
        if (!FORMAT.equals(format) && !FORMAT_1.equals(format)) {
            throw new IOException(name + " is not a Gearbox quality router file (format " + FORMAT + ")");
        }
        List<String> models = new ArrayList<>();
        o.get("models").forEach(x -> models.add(x.asText()));
        JsonNode st = o.get("settings");
        QualityRouter.Settings s = new QualityRouter.Settings(st.get("k").asInt(), st.get("shrink").asDouble(),
                st.get("ridge").asDouble(), st.get("blend").asDouble(), st.path("lexical").asDouble(0), st.path("lexical_ridge").asDouble(0));
        double[] mean = RouterFile.doubles(o.get("mean"));
        double[] sd = RouterFile.doubles(o.get("sd"));
        int m = models.size();
        float[] w = RouterFile.fromF32(o.get("weights_f32").asText(), mean.length * m, name);
        double[][] weights = new double[mean.length][m];
        for (int i = 0; i < mean.length; i++) for (int j = 0; j < m; j++) weights[i][j] = w[i * m + j];
        JsonNode bank = o.get("bank");
        int count = bank.get("count").asInt();
        float[][] vectors = RouterFile.unitFromInt8(bank.get("vectors_int8").asText(), count, bank.get("dims").asInt(), name);
        float[] sc = RouterFile.fromF32(bank.get("scores_f32").asText(), count * m, name);
        float[][] scores = new float[count][m];
        for (int i = 0; i < count; i++) System.arraycopy(sc, i * m, scores[i], 0, m);
        LexicalHead lexical = null;
        JsonNode lex = o.get("lexical");
        if ((lex == null) != (s.lexical() == 0)) throw new IOException(name + ": its lexical share and its lexical head disagree");
        if (lex != null) {
            if (lex.path("dims").asInt() != CharGrams.DIMS) {
                throw new IOException(name + ": its lexical head has " + lex.path("dims").asInt() + " buckets; this Gearbox reads " + CharGrams.DIMS);
            }
            lexical = new LexicalHead(RouterFile.fromF32(lex.get("idf_f32").asText(), CharGrams.DIMS, name),
                    RouterFile.fromF32(lex.get("weights_f32").asText(), CharGrams.DIMS * m, name), m);
        }
        List<String> sources = new ArrayList<>();
        o.path("trained_on").forEach(x -> sources.add(x.asText()));
        LearnedRouter.Provenance prov = new LearnedRouter.Provenance(sources, o.path("seed").asLong(), o.path("examples").asInt(),
                o.path("holdout").asInt(), o.path("brier").asDouble(), o.path("created").asText(null));
        return new QualityRouter(models, s, vectors, scores, RouterFile.doubles(o.get("prior")), mean, sd, weights, lexical, prov);
    }
}
