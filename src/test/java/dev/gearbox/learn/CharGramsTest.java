package dev.gearbox.learn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CharGramsTest {
    @Test
    void caseAndRunsOfWhiteSpaceDoNotChangeTheGrams() {
        CharGrams.Sparse a = CharGrams.of("Solve  2x + 3 = 7\n\tfor X");
        CharGrams.Sparse b = CharGrams.of("solve 2x + 3 = 7 for x");
        assertThat(a.index()).isEqualTo(b.index());
        assertThat(a.value()).isEqualTo(b.value());
        assertThat(new String(CharGrams.normalise("  Hi\n\nthere "))).isEqualTo(" hi there ");
    }

    @Test
    void countsEachWindowOnceSublinearlyWithIndicesAscending() {
        // " abab " has the windows " aba", "abab", "bab " (three distinct) ...
        CharGrams.Sparse once = CharGrams.of("abab");
        assertThat(once.index()).hasSize(3).isSorted();
        for (float v : once.value()) assertThat(v).isEqualTo(1f);
        // ... and "abababab" repeats "abab" three times and "baba" twice: 1 + ln(count)
        CharGrams.Sparse rep = CharGrams.of("abababab");
        int abab = CharGrams.bucket('a', 'b', 'a', 'b');
        int baba = CharGrams.bucket('b', 'a', 'b', 'a');
        assertThat(valueAt(rep, abab)).isEqualTo((float) (1 + Math.log(3)));
        assertThat(valueAt(rep, baba)).isEqualTo((float) (1 + Math.log(2)));
    }

    @Test
    void shortAndHugeTextsAreBounded() {
        assertThat(CharGrams.of("").index()).isEmpty();
        assertThat(CharGrams.of("a").index()).isEmpty(); // " a " is three characters, no 4-gram
        assertThat(CharGrams.of("ab").index()).hasSize(1);
        String huge = "x".repeat(CharGrams.MAX_CHARS) + " tail words that are never read";
        assertThat(CharGrams.of(huge).index()).containsExactlyInAnyOrder(
                CharGrams.bucket(' ', 'x', 'x', 'x'), CharGrams.bucket('x', 'x', 'x', 'x'), CharGrams.bucket('x', 'x', 'x', ' '));
    }

    private static float valueAt(CharGrams.Sparse s, int bucket) {
        for (int i = 0; i < s.index().length; i++) if (s.index()[i] == bucket) return s.value()[i];
        throw new AssertionError("bucket " + bucket + " absent");
    }
}
