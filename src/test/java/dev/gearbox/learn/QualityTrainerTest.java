package dev.gearbox.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The router over many models on synthetic prompts of three kinds: "code" that only model A gets
 * right, "maths" that only model B gets right, and "chat" that all three do, the cheap model C
 * included. It must predict each model's score by kind, route each held-out prompt to a model
 * that gets it right (beating every single model), and predict the same after a file round trip.
 */
class QualityTrainerTest {
    static final List<String> MODELS = List.of("a", "b", "c");

    @TempDir
    Path dir;

    static List<QualityExample> synthetic(long seed, int n) {
        Random r = new Random(seed);
        float[][] kinds = {TrainerTest.direction(new Random(11)), TrainerTest.direction(new Random(12)), TrainerTest.direction(new Random(13))};
        String[] texts = {"def f(x): return x", "What is 17 * 23 + 4?", "hello there"};
        double[][] p = {{0.9, 0.1, 0.1}, {0.1, 0.9, 0.1}, {0.9, 0.9, 0.9}};
        List<QualityExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int kind = i % 3;
            double[] scores = new double[3];
            for (int m = 0; m < 3; m++) scores[m] = r.nextDouble() < p[kind][m] ? 1 : 0;
            out.add(new QualityExample(texts[kind] + " " + i, TrainerTest.around(kinds[kind], r, 0.05), scores));
        }
        return out;
    }

    @Test
    void predictsEachModelsQualityByKindOfPrompt() {
        QualityTrainer.Result res = new QualityTrainer(QualityRouter.Settings.DEFAULTS).fit(synthetic(1, 600), MODELS, List.of("synthetic"), 7);
        QualityRouter r = res.router();
        List<QualityExample> fresh = synthetic(2, 90);
        double[][] mean = new double[3][3];
        for (int i = 0; i < fresh.size(); i++) {
            double[] q = r.predict(fresh.get(i).embedding(), fresh.get(i).text());
            for (int m = 0; m < 3; m++) mean[i % 3][m] += q[m] / 30;
        }
        assertThat(mean[0][0]).isGreaterThan(0.7);
        assertThat(mean[0][1]).isLessThan(0.3);
        assertThat(mean[1][1]).isGreaterThan(0.7);
        assertThat(mean[1][0]).isLessThan(0.3);
        assertThat(mean[2][2]).isGreaterThan(0.7);
        assertThat(mean[0][2]).isLessThan(0.3);
    }

    @Test
    void heldOutRoutingBeatsEveryModelAlone() {
        QualityTrainer.Result res = new QualityTrainer(QualityRouter.Settings.DEFAULTS).fit(synthetic(3, 600), MODELS, List.of("synthetic"), 7);
        QualityTrainer.Holdout h = res.holdout();
        assertThat(h.prompts()).isEqualTo(120);
        // each model alone gets about two kinds in three right (0.63); routing by kind gets about 0.9
        assertThat(h.bestSingleQuality()).isLessThan(0.75);
        assertThat(h.routedQuality()).isGreaterThan(0.8).isGreaterThan(h.bestSingleQuality() + 0.1);
        assertThat(h.routedQuality()).isLessThanOrEqualTo(h.oracleQuality());
        for (double b : h.brier()) assertThat(b).isLessThan(0.15);
        assertThat(res.router().provenance().examples()).isEqualTo(600);
    }

    @Test
    void sameSeedSameRouterAndTheFileRoundTripPredictsTheSame() throws Exception {
        QualityRouter r = new QualityTrainer(QualityRouter.Settings.DEFAULTS).fit(synthetic(4, 700), MODELS, List.of("synthetic"), 5).router();
        QualityRouter again = new QualityTrainer(QualityRouter.Settings.DEFAULTS).fit(synthetic(4, 700), MODELS, List.of("synthetic"), 5).router();
        Path file = dir.resolve("q.router.json");
        QualityRouterFile.write(r, file);
        QualityRouter read = QualityRouterFile.read(file);
        assertThat(read.models()).isEqualTo(MODELS);
        assertThat(read.settings()).isEqualTo(QualityRouter.Settings.DEFAULTS);
        assertThat(read.lexicalHead().weights()).isEqualTo(r.lexicalHead().weights());
        for (QualityExample e : synthetic(5, 30)) {
            double[] p = r.predict(e.embedding(), e.text());
            assertThat(again.predict(e.embedding(), e.text())).containsExactly(p);
            double[] q = read.predict(e.embedding(), e.text());
            // the bank is stored as int8 and the weights as float32: among a cluster of near-equal
            // neighbours, rounding may pick a few others, each a 0/1 label of the same odds
            for (int m = 0; m < 3; m++) assertThat(q[m]).isCloseTo(p[m], within(0.08));
        }
    }

    @Test
    void fewerPromptsThanTheLexicalHeadNeedsGiveItsShareToTheNeighbours() throws Exception {
        QualityRouter small = new QualityTrainer(QualityRouter.Settings.DEFAULTS)
                .fit(synthetic(4, LexicalHead.MIN_PROMPTS - 1), MODELS, List.of("synthetic"), 5).router();
        assertThat(small.lexicalHead()).isNull();
        assertThat(small.settings()).isEqualTo(QualityRouter.Settings.DEFAULTS.withoutLexical());
        // and a version-1 file (written before the lexical head existed) still loads and predicts the same
        Path file = dir.resolve("v1.router.json");
        QualityRouterFile.write(small, file);
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) RouterFile.JSON.readTree(file.toFile());
        json.put("format", QualityRouterFile.FORMAT_1);
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("settings")).remove(List.of("lexical", "lexical_ridge"));
        Files.writeString(file, json.toString());
        QualityRouter v1 = QualityRouterFile.read(file);
        QualityExample e = synthetic(9, 1).get(0);
        assertThat(v1.settings().lexical()).isZero();
        for (int m = 0; m < 3; m++) assertThat(v1.predict(e.embedding(), e.text())[m]).isCloseTo(small.predict(e.embedding(), e.text())[m], within(0.08));
    }

    @Test
    void aTwoModelRouterFileIsRefusedWithWhatToDo() throws Exception {
        Path two = dir.resolve("two.json");
        RouterFile.write(new Trainer(Trainer.Settings.DEFAULTS).fit(TrainerTest.synthetic(3, 200), List.of("s"), 1).router(), two);
        assertThatThrownBy(() -> QualityRouterFile.read(two)).hasMessageContaining("two-model router").hasMessageContaining("type: learned");
        Files.writeString(dir.resolve("junk.json"), "{\"format\":\"other\"}");
        assertThatThrownBy(() -> QualityRouterFile.read(dir.resolve("junk.json"))).hasMessageContaining("not a Gearbox quality router file");
    }

    @Test
    void refusesTooFewPromptsOrMissingScores() {
        QualityTrainer t = new QualityTrainer(QualityRouter.Settings.DEFAULTS);
        assertThatThrownBy(() -> t.fit(synthetic(1, 10), MODELS, List.of("s"), 1)).hasMessageContaining("at least 20");
        List<QualityExample> bad = new ArrayList<>(synthetic(1, 30));
        bad.set(3, new QualityExample("x", bad.get(3).embedding(), new double[] {1, 0}));
        assertThatThrownBy(() -> t.fit(bad, MODELS, List.of("s"), 1)).hasMessageContaining("a score for each of");
    }
}
