package dev.gearbox.dispatch;

import dev.gearbox.config.Deployment;
import dev.gearbox.config.ResilienceConfig;
import dev.gearbox.policy.Availability;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * What the gateway knows about each deployment right now: its circuit breaker, its rate-limit
 * buckets, requests in flight and how often it was picked. Lives as long as the gateway, across
 * config reloads (a deployment keeps its state while its id stays in the config). It is also the
 * {@link Availability} policies consult.
 */
public final class Health implements Availability {
    /** One deployment's live state. */
    public static final class State {
        final Breaker breaker;
        final Capacity capacity;
        final AtomicInteger outstanding = new AtomicInteger();
        final AtomicLong picks = new AtomicLong();

        State(Breaker breaker, Capacity capacity) {
            this.breaker = breaker;
            this.capacity = capacity;
        }

        public Breaker breaker() { return breaker; }
        public Capacity capacity() { return capacity; }
        public int outstanding() { return outstanding.get(); }
        public long picks() { return picks.get(); }
    }

    private final LongSupplier nanoTime;
    private final Breaker.Listener listener;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private volatile ResilienceConfig.Breaker settings = ResilienceConfig.Breaker.DEFAULTS;

    public Health(LongSupplier nanoTime, Breaker.Listener listener) {
        this.nanoTime = nanoTime;
        this.listener = listener;
    }

    /**
     * Matches the state to a new config: new deployments start closed and full; removed ones are
     * forgotten; one whose limits or breaker settings changed gets fresh state.
     */
    public synchronized void sync(List<Deployment> deployments, ResilienceConfig.Breaker breaker) {
        boolean settingsChanged = !breaker.equals(settings);
        settings = breaker;
        Set<String> ids = deployments.stream().map(Deployment::id).collect(Collectors.toSet());
        states.keySet().retainAll(ids);
        for (Deployment d : deployments) {
            State s = states.get(d.id());
            if (s == null || settingsChanged || s.capacity.rpm() != d.rpm() || s.capacity.tpm() != d.tpm()) {
                states.put(d.id(), new State(new Breaker(d.id(), breaker, nanoTime, listener),
                        new Capacity(d.rpm(), d.tpm(), nanoTime)));
            }
        }
    }

    public State of(Deployment d) {
        State s = states.get(d.id());
        if (s != null) return s;
        return states.computeIfAbsent(d.id(), id -> new State(new Breaker(id, settings, nanoTime, listener),
                new Capacity(d.rpm(), d.tpm(), nanoTime)));
    }

    /** The deployment's state, or null when it is not known (not in the config). */
    public State of(String deploymentId) {
        return states.get(deploymentId);
    }

    public Map<String, State> all() {
        return Map.copyOf(states);
    }

    @Override
    public boolean available(String deploymentId, int estimatedTokens) {
        State s = states.get(deploymentId);
        return s == null || (s.breaker.allows() && s.capacity.has(estimatedTokens));
    }
}
