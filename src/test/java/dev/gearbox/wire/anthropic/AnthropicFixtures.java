package dev.gearbox.wire.anthropic;

import static dev.gearbox.chat.Json.MAPPER;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.ChatChunk;
import dev.gearbox.providers.SseParser;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Wire fixtures under {@code fixtures/anthropic/}: captured-shape Anthropic bodies and event streams. */
public final class AnthropicFixtures {
    private AnthropicFixtures() {}

    public static String text(String path) {
        String resource = "/fixtures/anthropic/" + path;
        try (InputStream in = AnthropicFixtures.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String path) {
        try {
            return MAPPER.readTree(text(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw SSE event blocks of a {@code .sse} fixture, each without its trailing blank line. */
    public static List<String> sseEvents(String path) {
        return Arrays.stream(text(path).strip().split("\n\n")).toList();
    }

    /** Runs a {@code .sse} fixture through the SSE parser and a fresh translator; stops after the terminal event. */
    public static List<ChatChunk> translate(String path) {
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator("anthropic-test", "anthropic-test/claude");
        List<ChatChunk> out = new ArrayList<>();
        boolean[] terminal = {false};
        SseParser parser = new SseParser(event -> {
            if (terminal[0]) throw new AssertionError("event after the terminal event: " + event);
            terminal[0] = translator.onEvent(event, out);
        });
        parser.feed(Buffer.buffer(text(path)));
        parser.finish();
        if (!terminal[0]) throw new AssertionError(path + " did not reach a terminal event");
        return out;
    }
}
