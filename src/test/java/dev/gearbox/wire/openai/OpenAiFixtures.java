package dev.gearbox.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.Json;
import dev.gearbox.providers.SseParser;
import dev.gearbox.providers.StreamTranslator;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads the wire fixtures under {@code src/test/resources/fixtures/openai/}. */
public final class OpenAiFixtures {
    private OpenAiFixtures() {}

    public static String text(String name) {
        try (InputStream in = OpenAiFixtures.class.getResourceAsStream("/fixtures/openai/" + name)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Buffer buffer(String name) {
        return Buffer.buffer(text(name));
    }

    public static JsonNode json(String name) {
        return json(buffer(name));
    }

    public static JsonNode json(Buffer b) {
        try {
            return Json.MAPPER.readTree(b.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw event blocks of an .sse fixture (split on blank lines), as FakeUpstream sends them. */
    public static List<String> sseEvents(String name) {
        List<String> out = new ArrayList<>();
        for (String block : text(name).split("\n\n")) {
            if (!block.isBlank()) out.add(block.strip());
        }
        return out;
    }

    /** Result of running an .sse fixture through the real SSE parser and a translator. */
    public record Translated(List<ChatChunk> chunks, boolean terminal) {}

    public static Translated translate(String name, StreamTranslator translator) {
        List<ChatChunk> chunks = new ArrayList<>();
        boolean[] terminal = {false};
        SseParser parser = new SseParser(event -> {
            if (terminal[0]) return;
            terminal[0] = translator.onEvent(event, chunks);
        });
        parser.feed(buffer(name));
        parser.finish();
        return new Translated(chunks, terminal[0]);
    }
}
