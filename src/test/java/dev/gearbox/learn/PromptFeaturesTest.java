package dev.gearbox.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** PromptFeatures' one-pass scan counts exactly what the four regular expressions the routers were trained on find. */
class PromptFeaturesTest {
    /** The features as first written, with java.util.regex: the reference. */
    static double[] byRegex(String t) {
        Pattern number = Pattern.compile("\\d+(?:\\.\\d+)?");
        Pattern math = Pattern.compile("[=+\\-*/^<>√∑∫]|\\\\frac|\\\\sqrt|sqrt|log|sin|cos");
        Pattern sentenceEnd = Pattern.compile("[.?!](\\s|$)");
        Pattern code = Pattern.compile("def |return|\\{|\\}|;|==|print\\(");
        int n = t.length();
        int digits = 0, lines = 0;
        boolean question = false;
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (Character.isDigit(c)) digits++;
            else if (c == '\n') lines++;
            else if (c == '?') question = true;
        }
        int words = 0;
        boolean in = false;
        for (int i = 0; i < n; i++) {
            boolean space = Character.isWhitespace(t.charAt(i));
            if (!space && !in) words++;
            in = !space;
        }
        return new double[] {Math.log1p(n), Math.log1p(digits), Math.log1p(count(number, t)), Math.log1p(count(math, t)),
                Math.log1p(words), Math.log1p(count(sentenceEnd, t)), Math.log1p(lines), question ? 1 : 0,
                Math.log1p(count(code, t)), digits / (double) Math.max(1, n)};
    }

    static int count(Pattern p, String t) {
        Matcher m = p.matcher(t);
        int c = 0;
        while (m.find()) c++;
        return c;
    }

    @Test
    void edgeCasesCountAsTheRegularExpressionsDo() {
        for (String t : List.of("", "1", "1.", "1.5", "1.5.7", "a12b3.4c", "١٢٣ arabic digits", "x == y === z ==== w",
                "\\sqrt{2} sqrt(2) \\frac{1}{2} \\log sin cos sinh cosine", "√∑∫ a^b <> c-d", "End. Next? Yes! no.", "end.",
                "end.\u2028", "end.\u2029x", "end.\u0085", "end.\r\n", "e.g.x", "def f(): return print(1);", "define return",
                "{}{};;", "...   !!!", "What?\n\nWhy?\tNow!\u000Bthen.\fok.\r", "  leading and   trailing  ", "\\", "s", "lo", "co")) {
            assertThat(PromptFeatures.of(t)).as(t).containsExactly(byRegex(t));
        }
    }

    @Test
    void randomTextOfTheSignificantPiecesCountsAsTheRegularExpressionsDo() {
        String[] pieces = {"1", "23", ".", "?", "!", " ", "\n", "\t", "\r", "\u2028", "\u0085", "=", "==", "+", "-", "*", "/", "^",
                "<", ">", "√", "∑", "∫", "\\", "\\frac", "\\sqrt", "sqrt", "sq", "log", "lo", "sin", "si", "cos", "co", "def ",
                "def", "return", "retur", "print(", "print", "{", "}", ";", "a", "Z", "٣", "\u00A0", "é"};
        Random r = new Random(7);
        for (int k = 0; k < 20_000; k++) {
            StringBuilder b = new StringBuilder();
            int len = r.nextInt(40);
            for (int i = 0; i < len; i++) b.append(pieces[r.nextInt(pieces.length)]);
            String t = b.toString();
            assertThat(PromptFeatures.of(t)).as("%s", t).containsExactly(byRegex(t));
        }
    }
}
