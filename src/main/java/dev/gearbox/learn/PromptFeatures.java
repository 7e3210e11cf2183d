package dev.gearbox.learn;

/**
 * Cheap, deterministic text features the learned router adds to its embedding neighbours: how long
 * the prompt is and how much arithmetic, notation, structure and code it carries. Log-scaled so
 * one huge prompt does not dominate a linear model.
 *
 * <p>The counts are those of four regular expressions (the router files were trained on them),
 * found left to right without overlap as {@link java.util.regex.Matcher#find()} does, but taken in
 * one scan: about 11 ns a character against 86 (2026-12-07, the 29,848 prompts, turns and answers
 * of ../shared/data/routing, all counted identically; PromptFeaturesTest holds the equivalence):
 * <ul>
 *   <li>numbers: {@code \d+(?:\.\d+)?}
 *   <li>math: {@code [=+\-*}{@code /^<>√∑∫]|\\frac|\\sqrt|sqrt|log|sin|cos}
 *   <li>sentence ends: {@code [.?!](\s|$)}
 *   <li>code: {@code def |return|\{|\}|;|==|print\(}
 * </ul>
 */
public final class PromptFeatures {
    public static final String[] NAMES = {"log_chars", "log_digits", "log_numbers", "log_math", "log_words", "log_sentences",
            "log_lines", "has_question", "log_code", "digit_share"};

    private PromptFeatures() {}

    public static double[] of(String t) {
        int n = t.length();
        int digits = 0, lines = 0, words = 0, numbers = 0, math = 0, sentences = 0, code = 0;
        boolean question = false, inWord = false;
        int numberEnd = 0, mathEnd = 0, codeEnd = 0; // where each pattern's last match ended: the next starts no earlier
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (Character.isDigit(c)) digits++;
            else if (c == '\n') lines++;
            else if (c == '?') question = true;
            boolean space = Character.isWhitespace(c);
            if (!space && !inWord) words++;
            inWord = !space;
            if (i >= numberEnd && ascii(c)) {
                numbers++;
                numberEnd = numberEnd(t, i);
            }
            if (i >= mathEnd) {
                int len = mathAt(t, i, c);
                if (len > 0) {
                    math++;
                    mathEnd = i + len;
                }
            }
            if ((c == '.' || c == '?' || c == '!') && sentenceEndFollows(t, i + 1)) sentences++;
            if (i >= codeEnd) {
                int len = codeAt(t, i, c);
                if (len > 0) {
                    code++;
                    codeEnd = i + len;
                }
            }
        }
        return new double[] {Math.log1p(n), Math.log1p(digits), Math.log1p(numbers), Math.log1p(math),
                Math.log1p(words), Math.log1p(sentences), Math.log1p(lines), question ? 1 : 0,
                Math.log1p(code), digits / (double) Math.max(1, n)};
    }

    /** {@code \d} without UNICODE_CHARACTER_CLASS. */
    private static boolean ascii(char c) {
        return c >= '0' && c <= '9';
    }

    /** The end of the number starting at {@code i}: digits, then a point and digits if there are some. */
    private static int numberEnd(String t, int i) {
        int n = t.length();
        int j = i;
        while (j < n && ascii(t.charAt(j))) j++;
        if (j + 1 < n && t.charAt(j) == '.' && ascii(t.charAt(j + 1))) {
            j += 2;
            while (j < n && ascii(t.charAt(j))) j++;
        }
        return j;
    }

    /** The length of the math pattern's match at {@code i}, or 0. */
    private static int mathAt(String t, int i, char c) {
        switch (c) {
            case '=', '+', '-', '*', '/', '^', '<', '>', '√', '∑', '∫':
                return 1;
            case '\\':
                return t.startsWith("frac", i + 1) || t.startsWith("sqrt", i + 1) ? 5 : 0;
            case 's':
                return t.startsWith("sqrt", i) ? 4 : t.startsWith("sin", i) ? 3 : 0;
            case 'l':
                return t.startsWith("log", i) ? 3 : 0;
            case 'c':
                return t.startsWith("cos", i) ? 3 : 0;
            default:
                return 0;
        }
    }

    /**
     * Whether {@code (\s|$)} matches at {@code j}: an ASCII white space, the end of the text, or a
     * line terminator that ends the text ({@code $} also matches just before one).
     */
    private static boolean sentenceEndFollows(String t, int j) {
        int n = t.length();
        if (j >= n) return true;
        char c = t.charAt(j);
        if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') return true;
        return j == n - 1 && (c == '\u0085' || c == '\u2028' || c == '\u2029');
    }

    /** The length of the code pattern's match at {@code i}, or 0. */
    private static int codeAt(String t, int i, char c) {
        switch (c) {
            case '{', '}', ';':
                return 1;
            case '=':
                return t.startsWith("==", i) ? 2 : 0;
            case 'd':
                return t.startsWith("def ", i) ? 4 : 0;
            case 'r':
                return t.startsWith("return", i) ? 6 : 0;
            case 'p':
                return t.startsWith("print(", i) ? 6 : 0;
            default:
                return 0;
        }
    }
}
