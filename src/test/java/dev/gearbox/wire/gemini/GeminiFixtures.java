package dev.gearbox.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.Json;
import dev.gearbox.config.Deployment;
import dev.gearbox.config.ProviderConfig;
import dev.gearbox.config.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads the Gemini wire fixtures under {@code src/test/resources/fixtures/gemini/} and builds test deployments. */
public final class GeminiFixtures {
    public static final String KEY = "AIza-test-key-0123456789";

    private GeminiFixtures() {}

    public static String text(String path) {
        try (InputStream in = GeminiFixtures.class.getResourceAsStream("/fixtures/gemini/" + path)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String path) {
        try {
            return Json.MAPPER.readTree(text(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code data:} payloads of an .sse fixture: events separated by blank lines. */
    public static List<String> sseEvents(String path) {
        List<String> events = new ArrayList<>();
        for (String block : text(path).split("\n\n")) {
            if (!block.isBlank()) events.add(block.strip());
        }
        return events;
    }

    public static ProviderConfig provider(String baseUrl) {
        return new ProviderConfig("google", "gemini", baseUrl, Secret.of(KEY, "env:GEMINI_API_KEY"),
                java.util.Map.of("x-team", "search"), null);
    }

    public static Deployment deployment(ProviderConfig p) {
        return new Deployment("google/flash", "gemini-flash", "gemini-2.5-flash", p, 1, 0, 0);
    }

    public static Deployment deployment() {
        return deployment(provider(null));
    }
}
