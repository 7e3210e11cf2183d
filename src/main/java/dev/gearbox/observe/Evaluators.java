package dev.gearbox.observe;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.embed.Embedder;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a shadow test compares the served answer with the other model's, each as a score in 0..1
 * (1 = the served answer is as good): {@code json} (the served answer is valid JSON when the other
 * is, or the request asked for JSON), {@code exact} (the same answer after trimming and case, for
 * classification and extraction), {@code similarity} (cosine of the two answers' embeddings). The
 * LLM judge is in {@link Observer} because it calls a model.
 */
public final class Evaluators {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GRADE = Pattern.compile("\\b(10|[1-9])\\b");

    private Evaluators() {}

    /**
     * Structure: when the request gave a JSON schema, whether the answer satisfies it
     * ({@link SchemaCheck}); when it asked for JSON, or the reference answer is JSON, whether the
     * answer is valid JSON; otherwise 1 (nothing structural to check).
     */
    public static double json(String served, String other, boolean askedForJson, com.fasterxml.jackson.databind.JsonNode schema) {
        if (schema != null) {
            try {
                return validJson(served) && SchemaCheck.valid(schema, JSON.readTree(served)) ? 1 : 0;
            } catch (Exception e) {
                return 0;
            }
        }
        boolean s = validJson(served);
        if (askedForJson || validJson(other)) return s ? 1 : 0;
        return 1;
    }

    /** The pairwise judge's verdict: 1 when the answer under test wins (B), 0.5 for a tie, 0 when the reference wins; -1 unreadable. */
    public static double pairwise(String judgeReply) {
        String t = judgeReply == null ? "" : judgeReply.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("TIE")) return 0.5;
        if (t.startsWith("B")) return 1;
        if (t.startsWith("A")) return 0;
        return -1;
    }

    /** The pairwise judge's instructions: which of two answers is better, by the rubric. */
    public static String pairwisePrompt(String rubric, String request, String a, String b) {
        return "You compare two answers to the same request.\nRubric: " + rubric + "\n\nRequest:\n" + request
                + "\n\nAnswer A:\n" + a + "\n\nAnswer B:\n" + b + "\n\nWhich answer is better? Reply with A, B or TIE only.";
    }

    public static double exact(String served, String other) {
        return norm(served).equals(norm(other)) ? 1 : 0;
    }

    /** Blocking (embeds both answers): call from a worker. */
    public static double similarity(Embedder e, String served, String other) {
        return Math.max(0, Math.min(1, Embedder.cosine(e.embed(served), e.embed(other))));
    }

    /** The judge's 1-10 grade as 0..1, or -1 when its reply holds no grade. */
    public static double grade(String judgeReply) {
        Matcher m = GRADE.matcher(judgeReply == null ? "" : judgeReply);
        if (!m.find()) return -1;
        return (Integer.parseInt(m.group(1)) - 1) / 9.0;
    }

    /** The judge's instructions: grade the served answer against the other model's, by the rubric. */
    public static String judgePrompt(String rubric, String request, String reference, String answer) {
        return "You compare two answers to the same request.\nRubric: " + rubric + "\n\nRequest:\n" + request
                + "\n\nReference answer:\n" + reference + "\n\nAnswer to grade:\n" + answer
                + "\n\nGrade the answer to grade from 1 (much worse than the reference) to 10 (as good or better). Reply with the number only.";
    }

    static boolean validJson(String s) {
        if (s == null || s.isBlank()) return false;
        try {
            JSON.readTree(s);
            String t = s.trim();
            return t.startsWith("{") || t.startsWith("[");
        } catch (Exception e) {
            return false;
        }
    }

    private static String norm(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replaceAll("[.!]+$", "");
    }
}
