package dev.gearbox.policy;

import java.util.HashMap;
import java.util.Map;

/**
 * The results of the slow work done for one request so far, by {@link Need}. Immutable: adding a
 * result gives a new instance. A policy reads what it needs with {@link #require}; when a result is
 * missing, the router fulfils the need and asks the policy again.
 */
public final class Prepared {
    public static final Prepared NONE = new Prepared(Map.of());

    private final Map<Need<?>, Object> results;

    private Prepared(Map<Need<?>, Object> results) {
        this.results = results;
    }

    public <T> Prepared with(Need<T> need, T result) {
        Map<Need<?>, Object> m = new HashMap<>(results);
        m.put(need, result);
        return new Prepared(Map.copyOf(m));
    }

    public boolean has(Need<?> need) {
        return results.containsKey(need);
    }

    /** The result of {@code need}; throws {@link Unprepared} (caught by the router) when it is not there yet. */
    @SuppressWarnings("unchecked")
    public <T> T require(Need<T> need) {
        Object r = results.get(need);
        if (r == null) throw new Unprepared(need);
        return (T) r;
    }
}
