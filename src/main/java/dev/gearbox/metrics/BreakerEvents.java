package dev.gearbox.metrics;

import dev.gearbox.dispatch.Breaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes circuit breaker changes visible: a log line per change (WARN when a circuit opens), and,
 * when metrics are on, {@code gearbox_breaker_state{deployment}} (0 closed, 1 half-open, 2 open)
 * and {@code gearbox_breaker_transitions_total{deployment,to}}.
 */
public final class BreakerEvents {
    private static final Logger LOG = LoggerFactory.getLogger(BreakerEvents.class);

    private BreakerEvents() {}

    public static Breaker.Listener listener(MeterRegistry registry) {
        Map<String, AtomicInteger> states = new ConcurrentHashMap<>();
        return (deployment, from, to, why) -> {
            if (to == Breaker.State.OPEN) LOG.warn("circuit OPEN for deployment {}: {}", deployment, why);
            else LOG.info("circuit {} for deployment {}: {}", to, deployment, why);
            if (registry == null) return;
            states.computeIfAbsent(deployment, id -> {
                AtomicInteger v = new AtomicInteger();
                Gauge.builder("gearbox_breaker_state", v, AtomicInteger::get).tag("deployment", id)
                        .description("circuit state per deployment: 0 closed, 1 half-open, 2 open").register(registry);
                return v;
            }).set(switch (to) {
                case CLOSED -> 0;
                case HALF_OPEN -> 1;
                case OPEN -> 2;
            });
            Counter.builder("gearbox_breaker_transitions").tags("deployment", deployment, "to", to.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry).increment();
        };
    }
}
