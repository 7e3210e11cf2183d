package dev.gearbox.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer on synthetic embeddings: prompts near one direction need the strong model, prompts
 * near another do not. The router must separate them, be calibrated on held-out prompts, give the
 * asked-for strong share, and survive a round trip through its file.
 */
class TrainerTest {
    @TempDir
    Path dir;

    static float[] around(float[] centre, Random r, double noise) {
        float[] v = new float[centre.length];
        for (int i = 0; i < v.length; i++) v[i] = (float) (centre[i] + noise * r.nextGaussian());
        return v;
    }

    static float[] direction(Random r) {
        float[] v = new float[384];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        return Neighbours.unit(v);
    }

    static List<Example> synthetic(long seed, int n) {
        Random r = new Random(seed);
        float[] hard = direction(new Random(1));
        float[] easy = direction(new Random(2));
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean isHard = i % 2 == 0;
            float[] e = around(isHard ? hard : easy, r, 0.05);
            double weak = isHard ? (r.nextDouble() < 0.85 ? 0 : 1) : (r.nextDouble() < 0.9 ? 1 : 0);
            String text = isHard ? "Prove the theorem about " + i + " and derive the bound" : "hello " + i;
            out.add(new Example(text, e, 1.0, weak));
        }
        return out;
    }

    @Test
    void separatesPromptsThatNeedTheStrongModelAndIsCalibrated() {
        Trainer.Result res = new Trainer(Trainer.Settings.DEFAULTS).fit(synthetic(3, 400), List.of("synthetic"), 42);
        LearnedRouter r = res.router();
        List<Example> fresh = synthetic(99, 200);
        double hardMean = 0, easyMean = 0;
        for (int i = 0; i < fresh.size(); i++) {
            double s = r.score(fresh.get(i).embedding(), fresh.get(i).text());
            if (i % 2 == 0) hardMean += s;
            else easyMean += s;
        }
        assertThat(hardMean).isGreaterThan(easyMean);
        assertThat(res.brier()).isLessThan(0.15);                 // ~0.11 for these noise levels; 0.25 is chance
        double pHard = r.probability(r.score(fresh.get(0).embedding(), fresh.get(0).text()));
        double pEasy = r.probability(r.score(fresh.get(1).embedding(), fresh.get(1).text()));
        assertThat(pHard).isGreaterThan(0.6);
        assertThat(pEasy).isLessThan(0.3);
        assertThat(res.reliability()).isNotEmpty();
    }

    @Test
    void operatingPointsComeFromTheHeldOutCurve() {
        LearnedRouter r = new Trainer(Trainer.Settings.DEFAULTS).fit(synthetic(3, 400), List.of("synthetic"), 42).router();
        List<Example> fresh = synthetic(7, 400);
        double t = r.thresholdForStrongShare(0.5);
        long strong = fresh.stream().filter(e -> r.score(e.embedding(), e.text()) >= t).count();
        assertThat(strong / 400.0).isBetween(0.4, 0.6);
        // keeping 95% of the strong model's quality needs the hard half, not everything
        double tq = r.thresholdForQuality(0.95);
        long strongQ = fresh.stream().filter(e -> r.score(e.embedding(), e.text()) >= tq).count();
        assertThat(strongQ / 400.0).isBetween(0.3, 0.7);
    }

    @Test
    void theSameSeedGivesTheSameRouterAndTheFileRoundTrips() throws Exception {
        List<Example> data = synthetic(3, 300);
        LearnedRouter a = new Trainer(Trainer.Settings.DEFAULTS).fit(data, List.of("synthetic"), 5).router();
        LearnedRouter b = new Trainer(Trainer.Settings.DEFAULTS).fit(data, List.of("synthetic"), 5).router();
        Path file = dir.resolve("r.router.json");
        RouterFile.write(a, file);
        LearnedRouter c = RouterFile.read(file);
        for (Example e : synthetic(11, 50)) {
            double sa = a.score(e.embedding(), e.text());
            assertThat(b.score(e.embedding(), e.text())).isEqualTo(sa);
            assertThat(c.score(e.embedding(), e.text())).isCloseTo(sa, org.assertj.core.data.Offset.offset(0.02)); // int8 bank
        }
        assertThat(c.provenance().trainedOn()).containsExactly("synthetic");
        assertThat(c.provenance().seed()).isEqualTo(5);
        assertThat(c.curve()).hasSize(a.curve().size());
    }

    @Test
    void refusesTooLittleDataAndForeignFiles() throws Exception {
        assertThatThrownBy(() -> new Trainer(Trainer.Settings.DEFAULTS).fit(synthetic(3, 10), List.of("x"), 0))
                .hasMessageContaining("at least 20");
        Path bad = dir.resolve("bad.json");
        java.nio.file.Files.writeString(bad, "{\"format\":\"something-else\"}");
        assertThatThrownBy(() -> RouterFile.read(bad)).hasMessageContaining("not a Gearbox router file");
    }

    @Test
    void theShippedDefaultRouterLoads() {
        LearnedRouter r = RouterFile.shipped();
        assertThat(r.neighbours().size()).isGreaterThan(1000);
        assertThat(r.provenance().trainedOn()).isNotEmpty().noneMatch(s -> s.startsWith("routellm-"));
        assertThat(r.curve()).hasSize(101);
    }
}
