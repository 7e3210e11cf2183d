package dev.gearbox.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the config file when its content changes and then holds still for one interval. A good
 * edit swaps the snapshot; a broken one keeps the old snapshot and logs one WARN line with the
 * mistake, so a typo saved during a live edit never takes the gateway down. Polls a content hash rather than using a WatchService, which
 * misses editors' rename-over saves on some file systems and is slow on others; hashing a few KB
 * per poll also catches an edit that leaves the size and the (coarse) mtime unchanged.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private static final byte[] UNREADABLE = new byte[0];

    private final Path file;
    private final Function<Path, GearboxConfig> loader;
    private final ConfigSnapshot snapshot;
    private final ScheduledExecutorService timer;
    private final AtomicLong polls = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private byte[] seen;
    private byte[] pending;
    private volatile boolean closed;

    private ConfigWatcher(Path file, Function<Path, GearboxConfig> loader, ConfigSnapshot snapshot, byte[] seen) {
        this.file = file;
        this.loader = loader;
        this.snapshot = snapshot;
        this.seen = seen;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gearbox-config-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Loads {@code file} now (a mistake is thrown: the gateway should not start on a broken config)
     * and checks it for changes every {@code interval}. The loader is typically
     * {@code new ConfigLoader(System::getenv, kinds, Catalog.shipped())::load}.
     */
    public static ConfigWatcher start(Path file, Function<Path, GearboxConfig> loader, Duration interval) {
        ConfigWatcher w = open(file, loader);
        long ms = Math.max(1, interval.toMillis());
        w.timer.scheduleWithFixedDelay(w::poll, ms, ms, TimeUnit.MILLISECONDS);
        return w;
    }

    /** Loads the file but does not poll by itself; tests call {@link #poll()} to step through edits. */
    static ConfigWatcher open(Path file, Function<Path, GearboxConfig> loader) {
        Objects.requireNonNull(loader, "loader");
        byte[] hash = hash(file); // before loading: an edit racing the first load is picked up by the first poll
        return new ConfigWatcher(file, loader, new ConfigSnapshot(loader.apply(file)), hash);
    }

    public ConfigSnapshot snapshot() {
        return snapshot;
    }

    /** The message of the last reload that failed, or null once a reload has succeeded since. */
    public String lastFailure() {
        return lastFailure.get();
    }

    /** How many times the file has been checked; lets a test wait for a poll without sleeping. */
    long polls() {
        return polls.get();
    }

    void poll() {
        try {
            if (closed) return;
            byte[] now = hash(file);
            if (now == null) now = UNREADABLE;
            if (Arrays.equals(now, seen)) {
                pending = null;
                return;
            }
            // Act only on content that held still for one interval, so a save caught half-written
            // (truncated, then filled) is not loaded as a config with half its providers.
            if (!Arrays.equals(now, pending)) {
                pending = now;
                return;
            }
            seen = now;
            if (now == UNREADABLE) {
                lastFailure.set("cannot read " + file);
                LOG.warn("config file {} cannot be read, keeping the previous config", file);
                return;
            }
            try {
                GearboxConfig next = loader.apply(file);
                if (closed) return;
                lastFailure.set(null);
                snapshot.replace(next);
                LOG.info("config reloaded from {}", file);
            } catch (ConfigException e) {
                lastFailure.set(e.getMessage());
                LOG.warn("config not reloaded, keeping the previous one: {}", e.getMessage());
            }
        } catch (RuntimeException e) {
            lastFailure.set(e.toString());
            LOG.warn("config not reloaded, keeping the previous one: {}", e.toString());
        } finally {
            polls.incrementAndGet();
        }
    }

    /** SHA-256 of the file, or null while it cannot be read (mid-save, briefly deleted). */
    private static byte[] hash(Path file) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdown(); // no interrupt: a poll in progress finishes its read instead of logging a spurious failure
    }
}
