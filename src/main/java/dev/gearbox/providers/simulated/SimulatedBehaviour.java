package dev.gearbox.providers.simulated;

import dev.gearbox.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a simulated model behaves: latency, speed, answer length and failures. Read from a simulated
 * provider's {@code options} (snake_case keys), so a demo or load test can dial in a slow, flaky or
 * fast model without a network; a deployment may later override some keys with {@link #overriddenBy}.
 */
public record SimulatedBehaviour(long ttftMs, double tokensPerSecond, int outputTokens, double errorRate,
                                 int errorStatus, long seed, double midStreamFailureRate) {
    public static final String TTFT_MS = "ttft_ms";
    public static final String TOKENS_PER_SECOND = "tokens_per_second";
    public static final String OUTPUT_TOKENS = "output_tokens";
    public static final String ERROR_RATE = "error_rate";
    public static final String ERROR_STATUS = "error_status";
    public static final String SEED = "seed";
    public static final String MID_STREAM_FAILURE_RATE = "mid_stream_failure_rate";
    /** The option keys this record reads, in documentation order. */
    public static final List<String> KEYS = List.of(TTFT_MS, TOKENS_PER_SECOND, OUTPUT_TOKENS, ERROR_RATE,
            ERROR_STATUS, SEED, MID_STREAM_FAILURE_RATE);

    /** A typical hosted model's first-token latency. */
    public static final long DEFAULT_TTFT_MS = 300;
    /** A typical hosted model's decode speed. */
    public static final double DEFAULT_TOKENS_PER_SECOND = 80;
    /** Mean answer length; each prompt's answer varies +/- 25% around it. */
    public static final int DEFAULT_OUTPUT_TOKENS = 200;
    public static final double DEFAULT_ERROR_RATE = 0;
    /** 503 maps to {@code ErrorClass.OVERLOADED}: the failure fallback exists for. */
    public static final int DEFAULT_ERROR_STATUS = 503;
    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_MID_STREAM_FAILURE_RATE = 0;

    public static final SimulatedBehaviour DEFAULTS = new SimulatedBehaviour(DEFAULT_TTFT_MS, DEFAULT_TOKENS_PER_SECOND,
            DEFAULT_OUTPUT_TOKENS, DEFAULT_ERROR_RATE, DEFAULT_ERROR_STATUS, DEFAULT_SEED, DEFAULT_MID_STREAM_FAILURE_RATE);

    public SimulatedBehaviour {
        check(ttftMs >= 0, TTFT_MS, ttftMs, "use 0 or more milliseconds");
        check(tokensPerSecond > 0, TOKENS_PER_SECOND, tokensPerSecond, "use a rate above 0, e.g. 80");
        check(outputTokens >= 1, OUTPUT_TOKENS, outputTokens, "use 1 or more tokens");
        check(errorRate >= 0 && errorRate <= 1, ERROR_RATE, errorRate, "use a probability from 0 to 1");
        check(errorStatus >= 400 && errorStatus <= 599, ERROR_STATUS, errorStatus, "use an HTTP error status from 400 to 599");
        check(midStreamFailureRate >= 0 && midStreamFailureRate <= 1, MID_STREAM_FAILURE_RATE, midStreamFailureRate,
                "use a probability from 0 to 1");
    }

    /** Behaviour from provider options; absent keys take the defaults, unknown keys are refused. */
    public static SimulatedBehaviour from(Map<String, Object> options) {
        return DEFAULTS.overriddenBy(options);
    }

    /** This behaviour with the keys present in {@code options} replaced; unknown keys are refused. */
    public SimulatedBehaviour overriddenBy(Map<String, Object> options) {
        if (options == null || options.isEmpty()) return this;
        Map<String, Object> o = new LinkedHashMap<>(options);
        for (String key : o.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ConfigException(null, 0, key, "unknown simulated provider option",
                        "use one of " + String.join(", ", KEYS));
            }
        }
        return new SimulatedBehaviour(
                o.containsKey(TTFT_MS) ? integer(o, TTFT_MS) : ttftMs,
                o.containsKey(TOKENS_PER_SECOND) ? number(o, TOKENS_PER_SECOND) : tokensPerSecond,
                o.containsKey(OUTPUT_TOKENS) ? Math.toIntExact(integer(o, OUTPUT_TOKENS)) : outputTokens,
                o.containsKey(ERROR_RATE) ? number(o, ERROR_RATE) : errorRate,
                o.containsKey(ERROR_STATUS) ? Math.toIntExact(integer(o, ERROR_STATUS)) : errorStatus,
                o.containsKey(SEED) ? integer(o, SEED) : seed,
                o.containsKey(MID_STREAM_FAILURE_RATE) ? number(o, MID_STREAM_FAILURE_RATE) : midStreamFailureRate);
    }

    /** The streaming pace this behaviour implies. */
    public TimedChunkStream.Pacing pacing() {
        return new TimedChunkStream.Pacing(ttftMs, tokensPerSecond);
    }

    private static double number(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (v instanceof Number n) return n.doubleValue();
        try {
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(null, 0, key, "expected a number, got '" + v + "'", "write a number such as 0.5");
        }
    }

    private static long integer(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(null, 0, key, "expected a whole number, got '" + v + "'", "write a whole number such as 200");
        }
    }

    private static void check(boolean ok, String key, Object value, String fix) {
        if (!ok) throw new ConfigException(null, 0, key, "invalid value " + value, fix);
    }
}
