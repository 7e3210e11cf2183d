package dev.gearbox.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ConfigWatcherTest {
    private static final Duration POLL = Duration.ofMillis(20);

    @TempDir Path dir;
    private Path file;
    private ConfigWatcher watcher;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ConfigWatcher.class);

    private static String config(int port) {
        return "server:\n  port: " + port + "\nproviders:\n  - {name: sim, kind: simulated}\n";
    }

    @BeforeEach
    void start() throws Exception {
        log.start();
        logger.addAppender(log);
        file = dir.resolve("gearbox.yaml");
        Files.writeString(file, config(9001));
        watcher = ConfigWatcher.start(file, ConfigFixture.loader()::load, POLL);
    }

    @AfterEach
    void stop() {
        watcher.close();
        logger.detachAppender(log);
    }

    /** Saves like an editor that writes a temp file and renames it over the config. */
    private void save(String text) throws Exception {
        Path tmp = dir.resolve("gearbox.yaml.tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void a_good_edit_swaps_the_snapshot_and_tells_listeners() throws Exception {
        ConfigSnapshot snapshot = watcher.snapshot();
        assertThat(snapshot.current().server().port()).isEqualTo(9001);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        snapshot.onChange(c -> seen.add(c.server().port()));

        save(config(9002));

        await().atMost(Duration.ofSeconds(5)).until(() -> snapshot.current().server().port() == 9002);
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.equals(List.of(9002)));
        assertThat(watcher.lastFailure()).isNull();
    }

    @Test
    void a_broken_edit_keeps_the_old_snapshot_and_warns_once() throws Exception {
        GearboxConfig before = watcher.snapshot().current();
        save(config(9003).replace("port:", "prot:"));

        await().atMost(Duration.ofSeconds(5)).until(() -> watcher.lastFailure() != null);
        long polled = watcher.polls();
        await().atMost(Duration.ofSeconds(5)).until(() -> watcher.polls() >= polled + 3);

        assertThat(watcher.snapshot().current()).isSameAs(before);
        String expected = file + ":2: server.prot: unknown key 'prot'. Fix: did you mean 'port'?";
        assertThat(watcher.lastFailure()).isEqualTo(expected);
        assertThat(warnings()).containsExactly("config not reloaded, keeping the previous one: " + expected);

        save(config(9004));
        await().atMost(Duration.ofSeconds(5)).until(() -> watcher.snapshot().current().server().port() == 9004);
        assertThat(watcher.lastFailure()).isNull();
    }

    @Test
    void a_deleted_file_keeps_the_old_snapshot_until_it_returns() throws Exception {
        GearboxConfig before = watcher.snapshot().current();
        Files.delete(file);
        await().atMost(Duration.ofSeconds(5)).until(() -> watcher.lastFailure() != null);
        assertThat(watcher.snapshot().current()).isSameAs(before);
        assertThat(warnings()).containsExactly("config file " + file + " cannot be read, keeping the previous config");

        save(config(9005));
        await().atMost(Duration.ofSeconds(5)).until(() -> watcher.snapshot().current().server().port() == 9005);
    }

    @Test
    void an_unchanged_file_is_not_reloaded() throws Exception {
        GearboxConfig before = watcher.snapshot().current();
        save(config(9001)); // same bytes, new mtime
        long polled = watcher.polls();
        await().atMost(Duration.ofSeconds(5)).until(() -> watcher.polls() >= polled + 3);
        assertThat(watcher.snapshot().current()).isSameAs(before);
    }

    @Test
    void content_is_loaded_only_once_it_held_still_for_one_poll() throws Exception {
        try (ConfigWatcher stepped = ConfigWatcher.open(file, ConfigFixture.loader()::load)) {
            List<Integer> swaps = new CopyOnWriteArrayList<>();
            stepped.snapshot().onChange(c -> swaps.add(c.providers().size()));

            Files.writeString(file, ""); // an editor caught mid-save: empty is a valid config with no providers
            stepped.poll();
            save(config(9006));
            stepped.poll();
            assertThat(swaps).as("nothing has held still yet").isEmpty();
            stepped.poll();

            assertThat(swaps).containsExactly(1);
            assertThat(stepped.snapshot().current().server().port()).isEqualTo(9006);
        }
    }

    @Test
    void a_broken_file_at_start_is_thrown() throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "server:\n  port: [\n");
        assertThatThrownBy(() -> ConfigWatcher.start(broken, ConfigFixture.loader()::load, POLL))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(broken + ":");
    }
}
