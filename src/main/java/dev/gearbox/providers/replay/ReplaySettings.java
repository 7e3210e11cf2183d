package dev.gearbox.providers.replay;

import dev.gearbox.config.ConfigException;
import dev.gearbox.providers.simulated.TimedChunkStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A replay provider's options: which routeset file to answer from and how fast to stream. */
record ReplaySettings(Path file, long ttftMs, double tokensPerSecond) {
    static final String FILE = "file";
    static final String TTFT_MS = "ttft_ms";
    static final String TOKENS_PER_SECOND = "tokens_per_second";
    static final List<String> KEYS = List.of(FILE, TTFT_MS, TOKENS_PER_SECOND);

    /** Replay is for offline evaluation and tests: answer at once by default. */
    static final long DEFAULT_TTFT_MS = 0;
    /** Fast enough that a long recorded answer streams in well under a second. */
    static final double DEFAULT_TOKENS_PER_SECOND = 2000;

    static ReplaySettings from(Map<String, Object> options) {
        for (String key : options.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ConfigException(null, 0, key, "unknown replay provider option", "use one of " + String.join(", ", KEYS));
            }
        }
        Object file = options.get(FILE);
        if (file == null || file.toString().isBlank()) {
            throw new ConfigException(null, 0, FILE, "the replay provider needs a routeset file",
                    "set option 'file' to a .jsonl routeset, e.g. ../shared/data/routing/routellm-gsm8k.jsonl");
        }
        long ttft = (long) number(options, TTFT_MS, DEFAULT_TTFT_MS);
        double tps = number(options, TOKENS_PER_SECOND, DEFAULT_TOKENS_PER_SECOND);
        if (ttft < 0) throw new ConfigException(null, 0, TTFT_MS, "invalid value " + ttft, "use 0 or more milliseconds");
        if (!(tps > 0)) throw new ConfigException(null, 0, TOKENS_PER_SECOND, "invalid value " + tps, "use a rate above 0");
        return new ReplaySettings(Path.of(file.toString()), ttft, tps);
    }

    TimedChunkStream.Pacing pacing() {
        return new TimedChunkStream.Pacing(ttftMs, tokensPerSecond);
    }

    private static double number(Map<String, Object> options, String key, double dflt) {
        Object v = options.get(key);
        if (v == null) return dflt;
        if (v instanceof Number n) return n.doubleValue();
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(null, 0, key, "expected a number, got '" + v + "'", "write a number");
        }
    }
}
