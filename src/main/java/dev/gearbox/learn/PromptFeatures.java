package dev.gearbox.learn;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cheap, deterministic text features the learned router adds to its embedding neighbours: how long
 * the prompt is and how much arithmetic, notation, structure and code it carries. Log-scaled so
 * one huge prompt does not dominate a linear model.
 */
public final class PromptFeatures {
    public static final String[] NAMES = {"log_chars", "log_digits", "log_numbers", "log_math", "log_words", "log_sentences",
            "log_lines", "has_question", "log_code", "digit_share"};
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern MATH = Pattern.compile("[=+\\-*/^<>√∑∫]|\\\\frac|\\\\sqrt|sqrt|log|sin|cos");
    private static final Pattern SENTENCE_END = Pattern.compile("[.?!](\\s|$)");
    private static final Pattern CODE = Pattern.compile("def |return|\\{|\\}|;|==|print\\(");

    private PromptFeatures() {}

    public static double[] of(String t) {
        int n = t.length();
        int digits = 0;
        int lines = 0;
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
        return new double[] {Math.log1p(n), Math.log1p(digits), Math.log1p(count(NUMBER, t)), Math.log1p(count(MATH, t)),
                Math.log1p(words), Math.log1p(count(SENTENCE_END, t)), Math.log1p(lines), question ? 1 : 0,
                Math.log1p(count(CODE, t)), digits / (double) Math.max(1, n)};
    }

    private static int count(Pattern p, String t) {
        Matcher m = p.matcher(t);
        int c = 0;
        while (m.find()) c++;
        return c;
    }
}
