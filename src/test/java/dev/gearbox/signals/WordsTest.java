package dev.gearbox.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordsTest {
    private static void assertSame(Words a, Words b) {
        assertThat(a.words).containsExactly(b.words);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.exactId(i)).as("exact id of %s", a.words[i]).isEqualTo(b.exactId(i));
            assertThat(a.stemId(i)).as("stem id of %s", a.words[i]).isEqualTo(b.stemId(i));
        }
    }

    @Test
    void aSuffixAtAWordBoundaryIsTheTailOfTheWholeText() {
        String ask = "Summarise this paragraph in two sentences, step by step.";
        String whole = "You are a helpful assistant.\n" + ask;
        Words all = new Words(whole);
        Words tail = all.suffix(whole, ask);
        assertSame(tail, new Words(ask));
        assertThat(tail.first()).isEqualTo("summarise");
        assertThat(TextSignals.taskType(ask, tail, false, false)).isEqualTo(TextSignals.taskType(ask, false, false)).isEqualTo(TaskType.SUMMARIZATION);
    }

    @Test
    void aSuffixInsideAWordIsReadAfresh() {
        String whole = "please summarise";
        String ask = "marise";
        assertSame(new Words(whole).suffix(whole, ask), new Words(ask));
        assertThat(new Words(whole).suffix(whole, ask).first()).isEqualTo("marise");
    }

    @Test
    void theWholeTextAndTextsThatAreNotASuffixWork() {
        String whole = "Write a poem";
        Words w = new Words(whole);
        assertThat(w.suffix(whole, whole)).isSameAs(w);
        assertSame(w.suffix(whole, "Other text entirely"), new Words("Other text entirely"));
        assertSame(w.suffix(whole, ""), new Words(""));
        assertSame(w.suffix(whole, "Read a poem"), new Words("Read a poem")); // as long, not the same
        assertSame(w.suffix(whole, "Write a poem, then another"), new Words("Write a poem, then another"));
    }

    @Test
    void lowerCasingThatChangesLengthFallsBackToReadingAfresh() {
        String ask = "explain the İstanbul rule";
        String whole = "İİİ system\n" + ask;
        assertSame(new Words(whole).suffix(whole, ask), new Words(ask));
    }
}
