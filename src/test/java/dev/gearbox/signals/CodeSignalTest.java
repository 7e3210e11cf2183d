package dev.gearbox.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodeSignalTest {
    @Test
    void unfencedCodeIsTwoLinesThatReadLikeCodeEvenWithTheBraceOnTheNextLine() {
        assertThat(TextSignals.code("Consider this loop.\n while (a > b)\n {\n /* body */\n }\nHow often does it run?")).isTrue();
        assertThat(TextSignals.code("import os\nfrom sys import argv\nprint(argv)")).isTrue();
        assertThat(TextSignals.code("SELECT name FROM users WHERE id = 3;\nINSERT INTO log VALUES (1);")).isTrue();
    }

    @Test
    void proseWithBracketsAndKeywordsIsNotCode() {
        assertThat(TextSignals.code("Write a poem (short, please) about the sea.\nThen let me know; thanks!")).isFalse();
        assertThat(TextSignals.code("Which class of drugs treats hypertension?\nExplain the import tariffs = a tax.")).isFalse();
        assertThat(TextSignals.code("return the book to the library;")).isFalse();
        assertThat(TextSignals.code("")).isFalse();
    }
}
