package dev.gearbox.providers.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.Json;
import dev.gearbox.config.ConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a routeset {@code .jsonl} file (one prompt per line; format in the routing data README) into
 * prompts keyed by their normalised text. When two lines hold the same prompt the first one wins
 * (RouteLLM's MMLU set has such repeats); blank lines are skipped; anything else malformed fails
 * with the file and line.
 */
final class RouteSetFile {
    private RouteSetFile() {}

    /** The prompts of {@code file}, in file order, keyed by {@link #normalise normalised} prompt text. */
    static Map<String, RecordedPrompt> load(Path file) {
        Map<String, RecordedPrompt> byPrompt = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) continue;
                RecordedPrompt p = parse(file, number, line);
                byPrompt.putIfAbsent(normalise(p.prompt()), p);
            }
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), 0, "file", "routeset file not found (working directory "
                    + Path.of("").toAbsolutePath() + ")", "point the replay provider's 'file' option at an existing .jsonl routeset");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, "file", "cannot read routeset file: " + e.getMessage(),
                    "check the file's permissions");
        }
        return Collections.unmodifiableMap(byPrompt);
    }

    /** The lookup key of a prompt: line endings as LF, surrounding whitespace trimmed. */
    static String normalise(String prompt) {
        return prompt.replace("\r\n", "\n").strip();
    }

    private static RecordedPrompt parse(Path file, int line, String text) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw bad(file, line, "", "not valid JSON: " + e.getOriginalMessage(), "write one JSON object per line");
        }
        if (!node.isObject()) throw bad(file, line, "", "expected a JSON object", "write one JSON object per line");
        String id = requiredText(file, line, node, "id");
        String prompt = requiredText(file, line, node, "prompt");
        Map<String, Double> scores = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : fields(file, line, node, "scores")) {
            if (e.getValue().isNull()) continue;
            if (!e.getValue().isNumber()) {
                throw bad(file, line, "scores." + e.getKey(), "expected a number", "write each model's score as a number");
            }
            scores.put(e.getKey(), e.getValue().asDouble());
        }
        Map<String, String> responses = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : fields(file, line, node, "responses")) {
            if (e.getValue().isNull()) continue;
            if (!e.getValue().isTextual()) {
                throw bad(file, line, "responses." + e.getKey(), "expected a string", "write each model's answer as text");
            }
            responses.put(e.getKey(), e.getValue().asText());
        }
        return new RecordedPrompt(id, node.path("task").asText(null), prompt, scores, responses);
    }

    private static String requiredText(Path file, int line, JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) throw bad(file, line, field, "missing or not a string", "give every line a string '" + field + "'");
        return v.asText();
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(Path file, int line, JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return List.of();
        if (!v.isObject()) throw bad(file, line, field, "expected an object {model: value}", "write '" + field + "' as a JSON object");
        return v.properties();
    }

    private static ConfigException bad(Path file, int line, String path, String message, String fix) {
        return new ConfigException(file.toString(), line, path, message, fix);
    }
}
