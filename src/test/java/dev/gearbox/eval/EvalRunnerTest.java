package dev.gearbox.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EvalRunnerTest {
    private static final double EPS = 1e-12;

    @TempDir
    Path dir;

    /** The pair fixture's prompts are 1..10 characters long with TwoModelMetricsTest's first set of scores. */
    @Test
    void twoModelRunWritesDecisionsSummaryAndCurve() throws Exception {
        Routeset set = Fixtures.load("pair.jsonl");
        Map<String, Double> p = Map.of("pair/1", 1.0, "pair/2", 2.0, "pair/3", 3.0, "pair/4", 4.0, "pair/5", 5.0,
                "pair/6", 6.0, "pair/7", 7.0, "pair/8", 8.0, "pair/9", 9.0, "pair/10", 10.0);

        TwoModelSummary s = EvalRunner.runTwoModel(set, item -> p.get(item.id()), dir, new EvalRunner.Options("lookup", 3, false));

        assertThat(s.metrics().apgr()).isCloseTo(79.0 / 140.0, within(EPS));
        assertThat(s.baselines()).containsOnlyKeys("random", "length", "optimal");
        assertThat(s.baselines().get("length").apgr()).as("length orders these prompts the same way").isCloseTo(79.0 / 140.0, within(EPS));
        // the oracle sends the seven prompts the strong model wins first, one per decile: quality
        // .2 .3 ... .9 from 0% to 70%, then flat; AUC = 0.1 x (.55 + 4.2 + 1.8) = .655, APGR = .65
        assertThat(s.baselines().get("optimal").apgr()).isCloseTo(0.65, within(EPS));
        assertThat(s.split()).isEqualTo("test+train");
        assertThat(s.decisionThreshold()).isCloseTo(5.5, within(EPS));

        List<String> decisions = Files.readAllLines(dir.resolve(EvalReport.DECISIONS));
        assertThat(decisions).hasSize(10);
        JsonNode first = Json.MAPPER.readTree(decisions.getFirst());
        assertThat(first.path("id").asText()).isEqualTo("pair/1");
        assertThat(first.path("model").asText()).isEqualTo("weak-model");
        assertThat(first.path("p_strong").asDouble()).isEqualTo(1.0);
        assertThat(Json.MAPPER.readTree(decisions.getLast()).path("model").asText()).isEqualTo("strong-model");

        JsonNode summary = Json.MAPPER.readTree(dir.resolve(EvalReport.SUMMARY).toFile());
        assertThat(summary.path("routeset").asText()).isEqualTo("pair");
        assertThat(summary.path("policy").asText()).isEqualTo("lookup");
        assertThat(summary.path("prompts").asInt()).isEqualTo(10);
        assertThat(summary.path("metrics").path("apgr").asDouble()).isCloseTo(79.0 / 140.0, within(EPS));
        assertThat(summary.path("metrics").path("points")).hasSize(11);
        assertThat(summary.path("baselines").path("random").path("apgr").isNumber()).isTrue();
        assertThat(summary.path("reference").path("paper").asText()).as("meta reference copied").isEqualTo("synthetic");

        Document svg = parseSvg(dir.resolve(EvalReport.CURVE));
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.getElementsByTagName("polyline").getLength()).as("policy + three baselines").isEqualTo(4);
        assertThat(Files.readString(dir.resolve(EvalReport.CURVE))).contains("Strong model calls (%)", "lookup (APGR 0.564)", "weak: weak-model");
    }

    /** Expected values worked out by hand in the trio fixture's terms; see FrontierTest for the AIQ arithmetic. */
    @Test
    void multiModelRunSweepsLambdaAndScoresAgainstTheSingleModels() throws Exception {
        Routeset set = Fixtures.load("trio.jsonl");
        MultiModelRouter byBudget = (item, lambda) -> lambda < 0.001 ? "small" : lambda < 1 ? "mid" : "big";

        MultiModelSummary s = EvalRunner.runMultiModel(set, byBudget, dir, new EvalRunner.Options("budget", 0, false));

        assertThat(s.prompts()).isEqualTo(4);
        assertThat(s.skippedPrompts()).isEqualTo(1);
        assertThat(s.singles()).extracting(SingleModel::model).containsExactly("big", "mid", "small");
        assertThat(s.singles().get(0).cost()).isCloseTo(0.0125, within(EPS));
        assertThat(s.singles().get(1).cost()).isCloseTo(0.0025, within(EPS));
        assertThat(s.singles().get(2).quality()).isCloseTo(0.25, within(EPS));
        assertThat(s.bestSingle().model()).as("big and mid tie at .75; mid is cheaper").isEqualTo("mid");
        assertThat(s.cheapestSingle().model()).isEqualTo("small");
        assertThat(s.costMax()).isCloseTo(0.0125, within(EPS));

        MultiModelMetrics m = s.metrics();
        assertThat(m.frontier().vertices()).hasSize(2);
        assertThat(m.aiq()).isCloseTo(0.65, within(1e-9));
        assertThat(m.cheapestCostAtBestQuality()).isCloseTo(0.0025, within(EPS));
        assertThat(m.qualityAtBestSingleCost()).isCloseTo(0.75, within(EPS));
        assertThat(s.zeroRouterAiq()).isCloseTo(0.65, within(1e-9));

        MultiModelMetrics oracle = s.baselines().get("oracle");
        assertThat(oracle.frontier().vertices()).extracting(CostQuality::cost)
                .usingComparatorForType((a, b) -> Math.abs(a - b) < EPS ? 0 : Double.compare(a, b), Double.class)
                .containsExactly(0.00125, 0.00175, 0.00625);
        assertThat(oracle.aiq()).isCloseTo(0.835, within(1e-9));
        assertThat(oracle.cheapestCostAtBestQuality()).isCloseTo(0.00175, within(EPS));
        assertThat(s.baselines()).containsKeys("cheapest", "best-single", "random");
        assertThat(s.baselines().get("best-single").points()).hasSize(1);

        assertThat(s.decisionLambda()).as("the first lambda reaching mid's quality").isGreaterThanOrEqualTo(0.001).isLessThan(1);
        List<String> decisions = Files.readAllLines(dir.resolve(EvalReport.DECISIONS));
        assertThat(decisions).hasSize(4).allSatisfy(line -> assertThat(Json.MAPPER.readTree(line).path("model").asText()).isEqualTo("mid"));
        JsonNode summary = Json.MAPPER.readTree(dir.resolve(EvalReport.SUMMARY).toFile());
        assertThat(summary.path("metrics").path("aiq").asDouble()).isCloseTo(0.65, within(1e-9));
        assertThat(summary.path("bestSingle").path("model").asText()).isEqualTo("mid");
        assertThat(summary.path("lambdas").size()).isEqualTo(2 * MultiModelMetrics.DECADES * MultiModelMetrics.LAMBDAS_PER_DECADE + 2);
        Document svg = parseSvg(dir.resolve(EvalReport.CURVE));
        assertThat(svg.getElementsByTagName("polyline").getLength()).as("zero router, oracle, policy").isEqualTo(3);
        assertThat(Files.readString(dir.resolve(EvalReport.CURVE))).contains("Mean cost per prompt (USD)", ">mid<");
    }

    @Test
    void aRouterPickingAnUnknownModelIsNamed() {
        Routeset set = Fixtures.load("trio.jsonl");

        assertThatThrownBy(() -> EvalRunner.runMultiModel(set, (item, lambda) -> "gpt-9", dir))
                .hasMessageContaining("chose 'gpt-9' for item trio/q1")
                .hasMessageContaining("[big, mid, small]");
    }

    @Test
    void aNonFiniteScoreIsNamed() {
        Routeset set = Fixtures.load("pair.jsonl");

        assertThatThrownBy(() -> EvalRunner.runTwoModel(set, item -> Double.NaN, dir))
                .hasMessageContaining("gave p_strong NaN for item pair/1");
    }

    @Test
    void aMultiModelSetCannotBeScoredAsTwoModel() {
        assertThatThrownBy(() -> EvalRunner.runTwoModel(Fixtures.load("trio.jsonl"), item -> 0, dir))
                .hasMessageContaining("names no strong/weak pair");
    }

    private static Document parseSvg(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }
}
