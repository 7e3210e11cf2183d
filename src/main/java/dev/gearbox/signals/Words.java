package dev.gearbox.signals;

import java.util.ArrayList;
import java.util.List;

/**
 * A text as lower-case words (runs of letters and digits; everything else separates them), made
 * once per request so that keyword detectors are hash lookups rather than case-insensitive regex
 * scans. "Step-by-step" reads as {@code step by step}, "TL;DR" as {@code tl dr}.
 */
final class Words {
    final String[] words;
    final String lower;

    Words(String text) {
        lower = text.toLowerCase(java.util.Locale.ROOT);
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean word = i < lower.length() && Character.isLetterOrDigit(lower.charAt(i));
            if (word && start < 0) start = i;
            else if (!word && start >= 0) {
                out.add(lower.substring(start, i));
                start = -1;
            }
        }
        words = out.toArray(String[]::new);
    }

    int size() {
        return words.length;
    }

    String first() {
        return words.length == 0 ? "" : words[0];
    }
}
