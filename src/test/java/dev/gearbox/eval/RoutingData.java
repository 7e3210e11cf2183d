package dev.gearbox.eval;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shared routing data (never committed): {@code $GEARBOX_ROUTING_DATA}, else
 * {@code ../shared/data/routing} from the project root or any directory above it. Tests that need
 * it are skipped, with a message saying where it was looked for, when it is absent.
 */
final class RoutingData {
    static final String ENV = "GEARBOX_ROUTING_DATA";
    private static final Map<String, Routeset> CACHE = new ConcurrentHashMap<>();

    private RoutingData() {}

    /** The routeset {@code <name>.jsonl}, loaded once per test run; skips the test if absent. */
    static Routeset load(String name) {
        Path dir = directory();
        Path file = dir.resolve(name + ".jsonl");
        Assumptions.assumeTrue(Files.isRegularFile(file), () -> "skipped: routing data " + file + " is absent");
        return CACHE.computeIfAbsent(name, n -> Routeset.load(file));
    }

    private static Path directory() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) return Path.of(env);
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = root.getParent(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared/data/routing");
            if (Files.isDirectory(candidate)) return candidate;
        }
        Assumptions.abort("skipped: routing data not found; set " + ENV + " or put it at ../shared/data/routing beside the project");
        throw new IllegalStateException("unreachable");
    }
}
