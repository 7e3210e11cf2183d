package dev.gearbox.observe;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Watches live traffic for drift and raises alerts: the mix of task types moving away from the
 * observation baseline (total variation distance), fallback or escalation rates spiking, and the
 * rolling quality of a route (shadow tests, feedback) dropping below its baseline. The first
 * {@code baselineSize} requests (and quality scores per route) form the baseline; the last
 * {@code windowSize} are compared with it. Each kind of alert fires at most once per cool-down.
 * Thread-safe (synchronized; called after responses, off their path).
 */
public final class DriftMonitor {
    /** One alert: what drifted, on which route (or "all"), the figure seen and the baseline's. */
    public record Alert(String kind, String route, double value, double baseline, String message) {}

    /** Thresholds and sizes. */
    public record Settings(int baselineSize, int windowSize, double mixShift, double spikeFactor, double spikeFloor,
                           double qualityDrop, int qualityWindow, long cooldownMs) {
        public static final Settings DEFAULTS = new Settings(1000, 500, 0.25, 3.0, 0.05, 0.10, 50, 600_000);
    }

    private final Settings s;
    private final LongSupplier clock;
    private final Consumer<Alert> sink;
    private final Map<String, Integer> baseMix = new HashMap<>();
    private int baseCount;
    private long baseFallbacks;
    private long baseEscalations;
    private final Deque<String> recentTasks = new ArrayDeque<>();
    private final Deque<boolean[]> recentFlags = new ArrayDeque<>();
    private final Map<String, Integer> recentMix = new HashMap<>();
    private long recentFallbacks;
    private long recentEscalations;
    private final Map<String, double[]> baseQuality = new HashMap<>();   // route -> {sum, n}
    private final Map<String, Deque<Double>> recentQuality = new HashMap<>();
    private final Map<String, Long> lastFired = new LinkedHashMap<>();

    public DriftMonitor(Settings s, LongSupplier epochMillis, Consumer<Alert> sink) {
        this.s = s;
        this.clock = epochMillis;
        this.sink = sink;
    }

    /** A finished request: its task type, and whether it fell back or escalated. */
    public synchronized void request(String task, boolean fellBack, boolean escalated) {
        String t = task == null ? "unknown" : task;
        if (baseCount < s.baselineSize()) {
            baseMix.merge(t, 1, Integer::sum);
            baseCount++;
            if (fellBack) baseFallbacks++;
            if (escalated) baseEscalations++;
            return;
        }
        // the window's counts are kept incrementally: O(task types) per request, not O(window)
        recentTasks.addLast(t);
        recentFlags.addLast(new boolean[] {fellBack, escalated});
        recentMix.merge(t, 1, Integer::sum);
        if (fellBack) recentFallbacks++;
        if (escalated) recentEscalations++;
        if (recentTasks.size() > s.windowSize()) {
            String old = recentTasks.removeFirst();
            boolean[] f = recentFlags.removeFirst();
            recentMix.computeIfPresent(old, (k, n) -> n == 1 ? null : n - 1);
            if (f[0]) recentFallbacks--;
            if (f[1]) recentEscalations--;
        }
        if (recentTasks.size() < s.windowSize()) return;
        double tv = 0;
        for (var e : baseMix.entrySet()) {
            tv += Math.abs(e.getValue() / (double) baseCount - recentMix.getOrDefault(e.getKey(), 0) / (double) recentTasks.size());
        }
        for (var e : recentMix.entrySet()) {
            if (!baseMix.containsKey(e.getKey())) tv += e.getValue() / (double) recentTasks.size();
        }
        tv /= 2;
        if (tv > s.mixShift() && !coolingDown("mix_shift", "all")) {
            fire(new Alert("mix_shift", "all", tv, 0, String.format(java.util.Locale.ROOT,
                    "traffic mix moved %.0f%% away from the observation baseline (task types now %s)", 100 * tv, new java.util.TreeMap<>(recentMix))));
        }
        long fb = recentFallbacks, esc = recentEscalations;
        spike("fallback_spike", fb / (double) recentFlags.size(), baseFallbacks / (double) baseCount);
        spike("escalation_spike", esc / (double) recentFlags.size(), baseEscalations / (double) baseCount);
    }

    /** A quality score in 0..1 for a route (a shadow test's verdict, or feedback mapped to 0..1). */
    public synchronized void quality(String route, double score) {
        String r = route == null ? "all" : route;
        double[] base = baseQuality.computeIfAbsent(r, k -> new double[2]);
        if (base[1] < s.qualityWindow()) {
            base[0] += score;
            base[1]++;
            return;
        }
        Deque<Double> recent = recentQuality.computeIfAbsent(r, k -> new ArrayDeque<>());
        recent.addLast(score);
        if (recent.size() > s.qualityWindow()) recent.removeFirst();
        if (recent.size() < s.qualityWindow()) return;
        double mean = recent.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double baseline = base[0] / base[1];
        if (mean < baseline - s.qualityDrop()) {
            fire(new Alert("quality_drop", r, mean, baseline, String.format(java.util.Locale.ROOT,
                    "quality of route %s fell to %.3f (baseline %.3f, last %d scores)", r, mean, baseline, recent.size())));
        }
    }

    private void spike(String kind, double rate, double baseline) {
        if (rate > Math.max(s.spikeFactor() * baseline, baseline + s.spikeFloor()) && !coolingDown(kind, "all")) {
            fire(new Alert(kind, "all", rate, baseline, String.format(java.util.Locale.ROOT,
                    "%s: %.1f%% of the last %d requests (baseline %.1f%%)", kind.replace('_', ' '), 100 * rate, recentFlags.size(), 100 * baseline)));
        }
    }

    /** Whether an alert of this kind on this route fired within the cool-down (then it is not even formatted). */
    private boolean coolingDown(String kind, String route) {
        Long last = lastFired.get(kind + "/" + route);
        return last != null && clock.getAsLong() - last < s.cooldownMs();
    }

    private void fire(Alert a) {
        String key = a.kind() + "/" + a.route();
        long now = clock.getAsLong();
        Long last = lastFired.get(key);
        if (last != null && now - last < s.cooldownMs()) return;
        lastFired.put(key, now);
        sink.accept(a);
    }
}
