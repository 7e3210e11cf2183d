package dev.gearbox.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads the optional {@code resilience:} section; every key has a default and every value is range-checked. */
final class ResilienceEntries {
    private ResilienceEntries() {}

    static ResilienceConfig parse(ConfigNode node) {
        if (node == null || node.isNull()) return ResilienceConfig.DEFAULTS;
        node.allowOnly("retries", "breaker", "timeouts", "balancing", "hedging");
        ResilienceConfig d = ResilienceConfig.DEFAULTS;
        return new ResilienceConfig(retries(node.get("retries")), breaker(node.get("breaker")),
                timeouts(node.get("timeouts")), balancing(node), hedging(node.get("hedging")));
    }

    private static ResilienceConfig.Retries retries(ConfigNode n) {
        var d = ResilienceConfig.Retries.DEFAULTS;
        if (n == null || n.isNull()) return d;
        n.allowOnly("per_deployment", "budget", "base_ms", "cap_ms", "max_retry_after_ms", "deadline_ms");
        return new ResilienceConfig.Retries(
                range(n, "per_deployment", d.perDeployment(), 0, 10),
                range(n, "budget", d.budget(), 0, 20),
                millis(n, "base_ms", d.baseMs(), 1),
                millis(n, "cap_ms", d.capMs(), 1),
                millis(n, "max_retry_after_ms", d.maxRetryAfterMs(), 0),
                millis(n, "deadline_ms", d.deadlineMs(), 100));
    }

    private static ResilienceConfig.Breaker breaker(ConfigNode n) {
        var d = ResilienceConfig.Breaker.DEFAULTS;
        if (n == null || n.isNull()) return d;
        n.allowOnly("consecutive_failures", "error_rate", "min_calls", "window_ms", "cooldown_ms", "half_open_probes");
        double rate = n.number("error_rate", d.errorRate());
        if (!(rate > 0 && rate <= 1)) {
            throw n.require("error_rate").error("error_rate must be in (0, 1], got " + rate, "e.g. 0.5 for half the calls");
        }
        return new ResilienceConfig.Breaker(
                range(n, "consecutive_failures", d.consecutiveFailures(), 1, 1000), rate,
                range(n, "min_calls", d.minCalls(), 1, 100_000),
                millis(n, "window_ms", d.windowMs(), 100),
                millis(n, "cooldown_ms", d.cooldownMs(), 1),
                range(n, "half_open_probes", d.halfOpenProbes(), 1, 100));
    }

    private static ResilienceConfig.Timeouts timeouts(ConfigNode n) {
        var d = ResilienceConfig.Timeouts.DEFAULTS;
        if (n == null || n.isNull()) return d;
        n.allowOnly("connect_ms", "first_byte_ms", "idle_ms", "total_ms");
        var t = new ResilienceConfig.Timeouts(millis(n, "connect_ms", d.connectMs(), 1),
                millis(n, "first_byte_ms", d.firstByteMs(), 1), millis(n, "idle_ms", d.idleMs(), 1),
                millis(n, "total_ms", d.totalMs(), 1));
        if (t.totalMs() < t.firstByteMs()) {
            throw n.require("total_ms").error("total_ms (" + t.totalMs() + ") is shorter than first_byte_ms ("
                    + t.firstByteMs() + ")", "make total_ms at least first_byte_ms");
        }
        return t;
    }

    private static ResilienceConfig.Balancing balancing(ConfigNode node) {
        if (!node.has("balancing")) return ResilienceConfig.Balancing.LEAST_OUTSTANDING;
        String v = node.require("balancing").asString().trim();
        try {
            return ResilienceConfig.Balancing.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw node.require("balancing").error("unknown balancing '" + v + "'", "use least-outstanding, weighted or ordered");
        }
    }

    private static ResilienceConfig.Hedging hedging(ConfigNode n) {
        if (n == null || n.isNull()) return ResilienceConfig.Hedging.OFF;
        n.allowOnly("tiers", "max_hedges");
        Map<String, Long> byTier = new LinkedHashMap<>();
        if (n.has("tiers")) {
            ConfigNode tiers = n.require("tiers");
            if (!tiers.isMap()) throw tiers.error("tiers must map a caller tier to milliseconds", "e.g. {interactive: 1500, default: 4000}");
            for (Map.Entry<String, ConfigNode> e : tiers.map().entrySet()) {
                long ms = e.getValue().asLong();
                if (ms < 0) throw e.getValue().error("a latency budget cannot be negative", "use 0 to turn hedging off for the tier");
                byTier.put(e.getKey(), ms);
            }
        }
        return new ResilienceConfig.Hedging(byTier, range(n, "max_hedges", 1, 1, 3));
    }

    private static int range(ConfigNode n, String key, int dflt, int min, int max) {
        int v = n.integer(key, dflt);
        if (v < min || v > max) throw n.require(key).error(key + " must be between " + min + " and " + max + ", got " + v, "pick a value in range");
        return v;
    }

    private static long millis(ConfigNode n, String key, long dflt, long min) {
        long v = n.longValue(key, dflt);
        if (v < min) throw n.require(key).error(key + " must be at least " + min + " ms, got " + v, "use milliseconds");
        return v;
    }
}
