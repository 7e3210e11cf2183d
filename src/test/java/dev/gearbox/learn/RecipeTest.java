package dev.gearbox.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The trainer's choice of recipe across sources, on synthetic prompts: when what makes a prompt
 * hard is its topic in one source and the opposite topic in another, neighbours do not transfer
 * and length (which marks the hard prompts everywhere) must win; when topics mean the same
 * everywhere and length means nothing, the neighbours must win.
 */
class RecipeTest {
    static final float[] TOPIC_A = TrainerTest.direction(new Random(1));
    static final float[] TOPIC_B = TrainerTest.direction(new Random(2));

    /** {@code n} prompts of one source: hard ones near {@code hardTopic}, long when {@code lengthMarksHard}. */
    static List<Example> source(String name, long seed, int n, float[] hardTopic, float[] easyTopic, boolean lengthMarksHard) {
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean hard = i % 2 == 0;
            float[] e = TrainerTest.around(hard ? hardTopic : easyTopic, r, 0.05);
            int words = lengthMarksHard ? (hard ? 40 + r.nextInt(20) : 5 + r.nextInt(10)) : 5 + r.nextInt(50);
            double weak = hard ? (r.nextDouble() < 0.9 ? 0 : 1) : (r.nextDouble() < 0.9 ? 1 : 0);
            out.add(new Example("word ".repeat(words).strip(), e, 1.0, weak, name));
        }
        return out;
    }

    static double hardOverEasy(LearnedRouter router, List<Example> fresh) {
        double hard = 0, easy = 0;
        for (int i = 0; i < fresh.size(); i++) {
            double s = router.score(fresh.get(i).embedding(), fresh.get(i).text());
            if (i % 2 == 0) hard += s;
            else easy += s;
        }
        return hard - easy;
    }

    @Test
    void whenTopicsFlipBetweenSourcesLengthIsWhatTransfers() {
        List<Example> train = new ArrayList<>(source("a", 3, 300, TOPIC_A, TOPIC_B, true));
        train.addAll(source("b", 4, 300, TOPIC_B, TOPIC_A, true));
        train.addAll(source("c", 5, 300, TOPIC_A, TOPIC_B, true));
        Trainer.Result res = new Trainer(Trainer.Settings.DEFAULTS).fit(train, List.of("a", "b", "c"), 7);
        assertThat(res.recipe().recipe()).as(res.recipe().describe()).isNotEqualTo(Recipe.FULL);
        assertThat(res.recipe().meanGap().get(Recipe.LENGTH)).isGreaterThan(res.recipe().meanGap().get(Recipe.FULL));
        assertThat(res.recipe().sources()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(res.recipe().describe()).contains("holding out each of");
        // fresh traffic of a fourth kind, with topics as in b: the router still puts its hard prompts first
        assertThat(hardOverEasy(res.router(), source("d", 9, 100, TOPIC_B, TOPIC_A, true))).isPositive();
    }

    @Test
    void whenTopicsMeanTheSameEverywhereTheNeighboursWin() {
        List<Example> train = new ArrayList<>(source("a", 3, 300, TOPIC_A, TOPIC_B, false));
        train.addAll(source("b", 4, 300, TOPIC_A, TOPIC_B, false));
        Trainer.Result res = new Trainer(Trainer.Settings.DEFAULTS).fit(train, List.of("a", "b"), 7);
        assertThat(res.recipe().recipe()).as(res.recipe().describe()).isEqualTo(Recipe.FULL);
        assertThat(res.recipe().meanGap().get(Recipe.FULL)).isGreaterThan(res.recipe().meanGap().get(Recipe.LENGTH) + 0.2);
        assertThat(hardOverEasy(res.router(), source("d", 9, 100, TOPIC_A, TOPIC_B, false))).isPositive();
    }

    @Test
    void oneSourceKeepsTheFullRecipeWithNothingHeldOut() {
        Trainer.Result res = new Trainer(Trainer.Settings.DEFAULTS).fit(source("only", 3, 300, TOPIC_A, TOPIC_B, false), List.of("only"), 7);
        assertThat(res.recipe().recipe()).isEqualTo(Recipe.FULL);
        assertThat(res.recipe().sources()).isEmpty();
        assertThat(res.recipe().describe()).contains("nothing to hold out");
    }

    @Test
    void recoveredGapRewardsRankingTheGainFirstAndIsAHalfForNoRanking() {
        List<Example> ex = new ArrayList<>();
        for (int i = 0; i < 100; i++) ex.add(new Example("x", new float[] {1}, 1.0, i < 50 ? 0.0 : 1.0, "s"));
        double[] perfect = new double[100];
        double[] reversed = new double[100];
        for (int i = 0; i < 100; i++) {
            perfect[i] = -i;
            reversed[i] = i;
        }
        assertThat(Recipe.recoveredGap(perfect, ex)).isCloseTo(0.75, org.assertj.core.data.Offset.offset(0.01));
        assertThat(Recipe.recoveredGap(reversed, ex)).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.01));
        assertThat(Recipe.recoveredGap(new double[100], ex)).as("a constant score ranks nothing").isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
    }
}
