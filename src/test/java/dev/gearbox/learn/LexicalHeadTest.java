package dev.gearbox.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * On synthetic prompts where a word decides which model is right ("theorem" for the first, "sonnet"
 * for the second), the head learns the word, not the prompt: unseen prompts with it get the offset.
 */
class LexicalHeadTest {
    static final String[] FILLER = {"please", "help", "me", "with", "this", "today", "quickly", "kindly", "now", "again", "my", "task"};

    static String prompt(Random r, String key) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 6; i++) words.add(FILLER[r.nextInt(FILLER.length)]);
        words.add(r.nextInt(words.size() + 1), key);
        return String.join(" ", words);
    }

    @Test
    void learnsWhichWordsMoveEachModelsScore() {
        Random r = new Random(3);
        List<String> texts = new ArrayList<>();
        List<double[]> y = new ArrayList<>();
        String[] keys = {"theorem", "sonnet", "weather"};
        for (int i = 0; i < 600; i++) {
            int k = i % 3;
            texts.add(prompt(r, keys[k]));
            // centred scores: model 0 is good at theorems, model 1 at sonnets, both average on the weather
            y.add(new double[] {k == 0 ? 0.4 : -0.2, k == 1 ? 0.4 : -0.2});
        }
        LexicalHead head = LexicalHead.fit(texts, y.toArray(new double[0][]), 1.0);
        Random fresh = new Random(99);
        double[] theorem = head.offsets(prompt(fresh, "theorem"));
        double[] sonnet = head.offsets(prompt(fresh, "sonnet"));
        double[] weather = head.offsets(prompt(fresh, "weather"));
        assertThat(theorem[0]).isCloseTo(0.4, within(0.1));
        assertThat(theorem[1]).isCloseTo(-0.2, within(0.1));
        assertThat(sonnet[1]).isCloseTo(0.4, within(0.1));
        assertThat(sonnet[0]).isCloseTo(-0.2, within(0.1));
        assertThat(weather[0]).isCloseTo(-0.2, within(0.1));
        assertThat(head.offsets("zzzz qqqq")).containsExactly(0.0, 0.0); // no gram it has seen: no offset
    }

    @Test
    void aStrongerRidgeShrinksTheOffsetsAndTheFitIsDeterministic() {
        Random r = new Random(4);
        List<String> texts = new ArrayList<>();
        double[][] y = new double[200][1];
        for (int i = 0; i < 200; i++) {
            boolean key = i % 2 == 0;
            texts.add(prompt(r, key ? "integral" : "recipe"));
            y[i][0] = key ? 0.5 : -0.5;
        }
        String probe = "help me with this integral";
        double loose = LexicalHead.fit(texts, y, 0.1).offsets(probe)[0];
        double tight = LexicalHead.fit(texts, y, 100).offsets(probe)[0];
        assertThat(loose).isGreaterThan(0.3);
        assertThat(tight).isPositive().isLessThan(loose / 2);
        assertThat(LexicalHead.fit(texts, y, 0.1).weights()).isEqualTo(LexicalHead.fit(texts, y, 0.1).weights());
    }
}
