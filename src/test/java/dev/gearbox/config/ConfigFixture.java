package dev.gearbox.config;

import dev.gearbox.catalog.CatalogFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The test config in src/test/resources and a loader over the test catalog with a fake environment. */
final class ConfigFixture {
    static final Set<String> KINDS = Set.of("openai", "anthropic", "gemini", "simulated", "replay");
    static final String OPENAI_KEY = "sk-openai-secret-value";
    static final String ANTHROPIC_KEY = "sk-ant-secret-value";
    static final Function<String, String> ENV = Map.of("OPENAI_API_KEY", OPENAI_KEY, "ANTHROPIC_KEY", ANTHROPIC_KEY)::get;

    private ConfigFixture() {}

    static String text() {
        try (InputStream in = ConfigFixture.class.getResourceAsStream("/dev/gearbox/config/gearbox-test.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture text with one exact piece replaced; fails loudly if the piece is not there. */
    static String with(String piece, String replacement) {
        String text = text();
        if (!text.contains(piece)) throw new IllegalArgumentException("not in fixture: " + piece);
        return text.replace(piece, replacement);
    }

    static ConfigLoader loader() {
        return loader(ENV);
    }

    static ConfigLoader loader(Function<String, String> env) {
        return new ConfigLoader(env, KINDS, CatalogFixture.catalog());
    }

    static GearboxConfig parse(String yaml) {
        return loader().parse(yaml, "gearbox.yaml");
    }
}
