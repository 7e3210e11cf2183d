package dev.gearbox.jmh;

import dev.gearbox.learn.QualityExample;
import dev.gearbox.learn.QualityRouter;
import dev.gearbox.learn.QualityTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The quality router's prediction for one prompt (embedding given): neighbours over a bank the size
 * of dcrouter's train split (5,608 prompts, 9 models), the embedding ridge, and with
 * {@code lexical=on} the character 4-gram head. Trained once in the setup on synthetic prompts.
 * Run with {@code bench/jmh.sh QualityRouterBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class QualityRouterBenchmark {
    static final int BANK = 5_608;
    static final List<String> MODELS = List.of("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
    static final Map<String, String> PROMPTS = Map.of(
            "short", "Why does my Python script raise a KeyError?",
            "medium", SemanticBenchmark.MEDIUM,
            "long", (SemanticBenchmark.MEDIUM + " ").repeat(4).strip());

    @Param({"short", "medium", "long"})
    public String prompt;

    @Param({"on", "off"})
    public String lexical;

    private QualityRouter router;
    private float[] embedding;
    private String text;

    @Setup(Level.Trial)
    public void setUp() {
        Random r = new Random(1);
        String[] words = SemanticBenchmark.MEDIUM.toLowerCase().split("\\W+");
        List<QualityExample> ex = new ArrayList<>();
        for (int i = 0; i < BANK; i++) {
            StringBuilder t = new StringBuilder();
            for (int w = 0, n = 10 + r.nextInt(120); w < n; w++) t.append(words[r.nextInt(words.length)]).append(' ');
            double[] scores = new double[MODELS.size()];
            for (int m = 0; m < scores.length; m++) scores[m] = r.nextBoolean() ? 1 : 0;
            ex.add(new QualityExample(t.toString(), unit(r), scores));
        }
        QualityRouter.Settings s = "on".equals(lexical) ? QualityRouter.Settings.DEFAULTS : QualityRouter.Settings.DEFAULTS.withoutLexical();
        router = new QualityTrainer(s).fit(ex, MODELS, List.of("synthetic"), 0).router();
        embedding = unit(r);
        text = PROMPTS.get(prompt);
    }

    static float[] unit(Random r) {
        float[] v = new float[384];
        double n = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
            n += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) v[i] /= (float) Math.sqrt(n);
        return v;
    }

    @Benchmark
    public double[] predict() {
        return router.predict(embedding, text);
    }
}
