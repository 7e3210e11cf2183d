package dev.gearbox.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The evaluator on the real RouteLLM and LLMRouter data. The tight expected values come from the
 * same arrays run through numpy.percentile / numpy.trapz / numpy.interp (what pandas.qcut and
 * RouteLLM's evaluate.py call), so they pin the RouteLLM-faithful arithmetic, not just a range.
 */
class RoutingDataTest {
    private static final double NUMPY = 1e-9;

    @TempDir
    Path dir;

    @Test
    void lengthBaselineOnMmluIsAbout058() {
        TwoModelMetrics m = score(RoutingData.load("routellm-mmlu"), TwoModelBaselines.length());

        assertThat(m.apgr()).isCloseTo(0.58, within(0.015));
        assertThat(m.apgr()).isCloseTo(0.5836981859881795, within(NUMPY));
        assertThat(m.cpt50()).isCloseTo(36.702271374348754, within(NUMPY));
        assertThat(m.cpt80()).isCloseTo(69.20435367992032, within(NUMPY));
        assertThat(m.uniqueEdges()).isTrue();
    }

    @Test
    void lengthBaselineOnGsm8kIsAbout060() {
        TwoModelMetrics m = score(RoutingData.load("routellm-gsm8k"), TwoModelBaselines.length());

        assertThat(m.apgr()).isCloseTo(0.60, within(0.015));
        assertThat(m.apgr()).isCloseTo(0.5986554769191534, within(NUMPY));
        assertThat(m.cpt50()).isCloseTo(36.51328013990598, within(NUMPY));
        assertThat(m.cpt80()).isCloseTo(66.65646518745217, within(NUMPY));
    }

    @Test
    void lengthBaselineOnMtBenchRoutesOnTheFirstTurn() {
        Routeset set = RoutingData.load("routellm-mtbench");

        TwoModelMetrics m = score(set, TwoModelBaselines.length());

        assertThat(set.size()).isEqualTo(72);
        assertThat(set.items()).allSatisfy(i -> assertThat(i.prompt()).isEqualTo(i.turns().getFirst()));
        assertThat(m.apgr()).isCloseTo(0.5555037313432843, within(NUMPY));
    }

    /** One seed's APGR on 1,307 prompts spreads by about ±0.03, so the claim is about the mean of ten. */
    @Test
    void randomRoutingRecoversAboutHalfTheGap() {
        for (String name : List.of("routellm-mmlu", "routellm-gsm8k")) {
            Routeset set = RoutingData.load(name);
            double mean = IntStream.range(0, 10).mapToDouble(seed -> score(set, TwoModelBaselines.random(seed)).apgr()).average().orElseThrow();
            assertThat(mean).as(name).isBetween(0.47, 0.53);
        }
    }

    @Test
    void theOracleIsTheCeiling() {
        Routeset set = RoutingData.load("routellm-gsm8k");
        String strong = set.meta().strong();
        String weak = set.meta().weak();

        TwoModelMetrics oracle = score(set, TwoModelBaselines.optimal(set.items(), strong, weak));

        assertThat(oracle.apgr()).isGreaterThan(score(set, TwoModelBaselines.length()).apgr()).isGreaterThan(1.0);
        assertThat(oracle.uniqueEdges()).isTrue();
    }

    @Test
    void aFullRunOnMmluWritesTheReport() throws Exception {
        Routeset set = RoutingData.load("routellm-mmlu");

        TwoModelSummary s = EvalRunner.runTwoModel(set, TwoModelBaselines.length(), dir, new EvalRunner.Options("length", 0, false));

        assertThat(s.prompts()).isEqualTo(14_037);
        assertThat(s.reference().path("random").path("apgr").asDouble()).isEqualTo(0.5);
        assertThat(Files.readAllLines(dir.resolve(EvalReport.DECISIONS))).hasSize(14_037);
        assertThat(Files.size(dir.resolve(EvalReport.CURVE))).isPositive();
    }

    @Test
    void theOracleBeatsEverySingleModelOnDcRouter() {
        Routeset set = RoutingData.load("llmrouter-dcrouter").split("test");

        MultiModelSummary s = EvalRunner.runMultiModel(set, MultiModelBaselines.oracle(CostTable.of(set)), dir, new EvalRunner.Options("optimal", 0, false));

        assertThat(s.prompts()).isEqualTo(500);
        assertThat(s.models()).hasSize(9);
        assertThat(s.metrics().aiq()).isGreaterThan(s.zeroRouterAiq());
        assertThat(s.metrics().cheapestCostAtBestQuality()).isLessThan(s.bestSingle().cost());
        assertThat(s.metrics().qualityAtBestSingleCost()).isGreaterThan(s.bestSingle().quality());
    }

    private static TwoModelMetrics score(Routeset set, TwoModelRouter router) {
        List<RoutesetItem> items = set.items();
        double[] p = new double[items.size()];
        double[] strong = new double[items.size()];
        double[] weak = new double[items.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = router.pStrong(items.get(i));
            strong[i] = items.get(i).score(set.meta().strong());
            weak[i] = items.get(i).score(set.meta().weak());
        }
        return TwoModelMetrics.compute(p, strong, weak);
    }
}
