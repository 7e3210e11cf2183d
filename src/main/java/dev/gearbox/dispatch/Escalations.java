package dev.gearbox.dispatch;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts cascade escalations by policy and failed check, for metrics. One per gateway, so counts
 * survive config reloads; safe to read from any thread.
 */
public final class Escalations {
    /** One counter's key: the cascade policy and the check its answer failed ({@code json_invalid}, ...). */
    public record Key(String policy, String check) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = policy.compareTo(o.policy);
            return c != 0 ? c : check.compareTo(o.check);
        }
    }

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

    void increment(String policy, String check) {
        counts.computeIfAbsent(new Key(policy, check), k -> new LongAdder()).increment();
    }

    public long count(String policy, String check) {
        LongAdder a = counts.get(new Key(policy, check));
        return a == null ? 0 : a.sum();
    }

    /** Every counter so far, sorted by policy then check. */
    public Map<Key, Long> snapshot() {
        Map<Key, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
