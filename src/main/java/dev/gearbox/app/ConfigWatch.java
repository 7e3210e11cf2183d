package dev.gearbox.app;

import dev.gearbox.config.ConfigWatcher;
import dev.gearbox.config.GearboxConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Reloads the gateway when its config file changes. A reload counts only when the whole pipeline
 * (providers, policies) builds from it; otherwise the running one stays and the watcher logs why.
 */
final class ConfigWatch implements AutoCloseable {
    /** How often the config file is checked. */
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private final ConfigWatcher watcher;

    private ConfigWatch(ConfigWatcher watcher) {
        this.watcher = watcher;
    }

    static ConfigWatch start(Path file, Supplier<GearboxConfig> load, Gateway gateway) {
        return start(file, load, gateway, INTERVAL);
    }

    static ConfigWatch start(Path file, Supplier<GearboxConfig> load, Gateway gateway, Duration interval) {
        return new ConfigWatch(ConfigWatcher.start(file, f -> {
            GearboxConfig cfg = load.get();
            gateway.apply(cfg);
            return cfg;
        }, interval));
    }

    /** Why the last reload was refused, or null when the last one succeeded. */
    String lastFailure() {
        return watcher.lastFailure();
    }

    @Override
    public void close() {
        watcher.close();
    }
}
