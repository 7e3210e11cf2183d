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

    @Test
    void aKeywordOnALaterLineCountsForThatLineOnly() {
        // "import" on line 3 must not make lines 1-2 candidates, and line 3 alone is one code line
        assertThat(TextSignals.code("Tell me a story\nabout the sea\nimport os")).isFalse();
        assertThat(TextSignals.code("Tell me a story\nimport os\nfrom sys import argv")).isTrue();
        // thousands of prose lines before the code: each keyword is searched for once, not once per line
        String prose = "a line of plain prose without any marks\n".repeat(2_000);
        assertThat(TextSignals.code(prose + "import os\nimport sys")).isTrue();
        assertThat(TextSignals.code(prose)).isFalse();
    }
}
