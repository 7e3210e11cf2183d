package dev.gearbox.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LexiconTest {
    @Test
    void matchesWordsPhrasesAndStemsWhateverTheCase() {
        Lexicon l = new Lexicon("briefly", "step by step", "summar*", "tl dr");
        assertThat(l.count(new Words("Explain it Step-by-step, then SUMMARISE; TL;DR please. Briefly!"))).isEqualTo(4);
        assertThat(l.any(new Words("a summa of theology, stepping by"))).isFalse();
        assertThat(l.any(new Words("step by"))).isFalse();
        assertThat(l.any(new Words(""))).isFalse();
    }

    @Test
    void aLexiconMadeAfterTheTextWasSplitStillMatches() {
        Words early = new Words("please zyxwvut the qwertyuiop report, then plughxyzzy it");
        Lexicon late = new Lexicon("zyxwvut", "qwerty*", "plughxyzzy it");
        assertThat(early.knows(Integer.MAX_VALUE - 1)).isFalse();
        assertThat(late.count(early)).isEqualTo(3);
        assertThat(late.count(new Words("please zyxwvut the qwertyuiop report, then plughxyzzy it"))).isEqualTo(3);
    }

    @Test
    void wordsAreRunsOfLettersAndDigits() {
        Words w = new Words("Héllo, WORLD-42 ünïcode\tend");
        assertThat(w.words).containsExactly("héllo", "world", "42", "ünïcode", "end");
        assertThat(w.first()).isEqualTo("héllo");
    }
}
