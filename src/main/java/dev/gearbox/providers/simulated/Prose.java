package dev.gearbox.providers.simulated;

import dev.gearbox.chat.TokenCounter;
import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * English-looking filler text from a tiny grammar (noun phrase, verb, noun phrase, prepositional
 * phrases), so simulated answers read like prose in demos and tokenize like prose in cost figures.
 */
final class Prose {
    private static final String[] DETERMINERS = {"the", "a", "this", "each", "every", "that", "our", "their"};
    private static final String[] ADJECTIVES = {
        "careful", "simple", "quiet", "large", "recent", "useful", "clear", "steady", "early", "modern",
        "small", "practical", "common", "reliable", "short", "complex", "open", "local", "final", "natural",
    };
    private static final String[] NOUNS = {
        "engineer", "river", "system", "result", "network", "garden", "report", "question", "answer", "method",
        "village", "library", "model", "signal", "journey", "market", "teacher", "process", "window", "measure",
        "story", "design", "record", "service", "pattern", "bridge", "team", "detail", "season", "argument",
    };
    private static final String[] VERBS = {
        "measures", "describes", "improves", "follows", "explains", "supports", "reveals", "connects", "changes",
        "builds", "reviews", "shapes", "protects", "compares", "carries", "shows", "tests", "guides",
    };
    private static final String[] PREPOSITIONS = {"across", "within", "near", "after", "before", "through", "beyond", "under", "for", "with"};
    private static final String[] CONNECTIVES = {"and", "while", "because", "so", "but"};
    private static final String[] OPENERS = {"In practice,", "Overall,", "For example,", "As a result,", "In short,", "Still,"};

    private static final Set<String> FUNCTION_WORDS = Stream.of(DETERMINERS, PREPOSITIONS, CONNECTIVES)
            .flatMap(Arrays::stream).collect(Collectors.toUnmodifiableSet());

    private Prose() {}

    /** About {@code targetTokens} tokens of sentences, ending with a full stop; same seed, same text. */
    static String of(int targetTokens, SplittableRandom rng) {
        StringBuilder out = new StringBuilder();
        int tokens = 0;
        int sentencesInParagraph = 0;
        int paragraphLength = 3 + rng.nextInt(3);
        while (tokens < targetTokens) {
            if (!out.isEmpty()) {
                if (sentencesInParagraph == paragraphLength) {
                    out.append("\n\n");
                    sentencesInParagraph = 0;
                    paragraphLength = 3 + rng.nextInt(3);
                } else {
                    out.append(' ');
                }
            }
            String sentence = sentence(rng);
            int cost = TokenCounter.count(" " + sentence);
            if (tokens + cost > targetTokens && tokens > 0) {
                // Trim the last sentence to the words that fit, so the length lands near the target.
                sentence = shorten(sentence, targetTokens - tokens);
                cost = TokenCounter.count(" " + sentence);
            }
            out.append(sentence);
            tokens += cost;
            sentencesInParagraph++;
        }
        return out.toString();
    }

    private static String sentence(SplittableRandom rng) {
        StringBuilder s = new StringBuilder();
        if (rng.nextInt(5) == 0) s.append(pick(OPENERS, rng)).append(' ');
        clause(s, rng);
        if (rng.nextInt(3) == 0) {
            s.append(", ").append(pick(CONNECTIVES, rng)).append(' ');
            clause(s, rng);
        }
        s.append('.');
        s.setCharAt(0, Character.toUpperCase(s.charAt(0)));
        return s.toString();
    }

    private static void clause(StringBuilder s, SplittableRandom rng) {
        nounPhrase(s, rng);
        s.append(' ').append(pick(VERBS, rng)).append(' ');
        nounPhrase(s, rng);
        int phrases = rng.nextInt(3);
        for (int i = 0; i < phrases; i++) {
            s.append(' ').append(pick(PREPOSITIONS, rng)).append(' ');
            nounPhrase(s, rng);
        }
    }

    private static void nounPhrase(StringBuilder s, SplittableRandom rng) {
        s.append(pick(DETERMINERS, rng)).append(' ');
        if (rng.nextBoolean()) s.append(pick(ADJECTIVES, rng)).append(' ');
        s.append(pick(NOUNS, rng));
    }

    /** The leading words of {@code sentence} that fit in {@code tokens}, closed with a full stop. */
    private static String shorten(String sentence, int tokens) {
        String[] words = sentence.substring(0, sentence.length() - 1).split(" ");
        StringBuilder s = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            if (TokenCounter.count(" " + s + " " + words[i] + ".") > tokens) break;
            s.append(' ').append(words[i]);
        }
        String head = s.toString();
        if (head.endsWith(",")) head = head.substring(0, head.length() - 1);
        // Do not end on "the" or "across": drop dangling function words while a word remains.
        int space;
        while ((space = head.lastIndexOf(' ')) > 0 && FUNCTION_WORDS.contains(head.substring(space + 1))) {
            head = head.substring(0, space);
        }
        return head + ".";
    }

    static String word(SplittableRandom rng) {
        return pick(NOUNS, rng);
    }

    static String phrase(SplittableRandom rng) {
        StringBuilder s = new StringBuilder();
        nounPhrase(s, rng);
        return s.toString();
    }

    private static String pick(String[] words, SplittableRandom rng) {
        return words[rng.nextInt(words.length)];
    }
}
