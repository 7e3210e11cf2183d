package dev.gearbox.config;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration in force. A request reads {@link #current()} once and keeps that snapshot to
 * the end, so a reload in the middle never mixes two configs; a reload swaps the whole snapshot.
 */
public final class ConfigSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigSnapshot.class);

    private final AtomicReference<GearboxConfig> current;
    private final List<Consumer<GearboxConfig>> listeners = new CopyOnWriteArrayList<>();

    public ConfigSnapshot(GearboxConfig initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    public GearboxConfig current() {
        return current.get();
    }

    /**
     * Calls {@code listener} with every config swapped in after this call, on the thread that
     * swapped it; a listener that throws is logged and does not stop the others.
     */
    public void onChange(Consumer<GearboxConfig> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Makes {@code next} current, then tells the listeners. */
    public void replace(GearboxConfig next) {
        current.set(Objects.requireNonNull(next, "next"));
        for (Consumer<GearboxConfig> l : listeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                LOG.error("config change listener failed", e);
            }
        }
    }
}
