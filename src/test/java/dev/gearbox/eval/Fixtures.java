package dev.gearbox.eval;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

/** Paths of the synthetic routesets under src/test/resources/fixtures/eval. */
final class Fixtures {
    private Fixtures() {}

    static Path path(String name) {
        try {
            return Path.of(Objects.requireNonNull(Fixtures.class.getResource("/fixtures/eval/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Routeset load(String name) {
        return Routeset.load(path(name));
    }
}
