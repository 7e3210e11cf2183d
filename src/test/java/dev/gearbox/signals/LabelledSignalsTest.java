package dev.gearbox.signals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.wire.openai.OpenAiRequests;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each content signal against hand-labelled prompts (src/test/resources/signals/labelled.jsonl).
 * A prompt carries labels only for the signals it was written to exercise. Every signal must get
 * at least 90% of its labelled prompts right; the misses are printed so the detectors can improve.
 */
class LabelledSignalsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final double REQUIRED = 0.9;
    static List<JsonNode> examples = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = LabelledSignalsTest.class.getResourceAsStream("/signals/labelled.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) examples.add(JSON.readTree(line));
            }
        }
        assertThat(examples).hasSizeGreaterThan(50);
    }

    static Signals signals(String prompt) {
        ChatRequest r = OpenAiRequests.parse(Buffer.buffer(JSON.createObjectNode().put("model", "auto")
                .set("messages", JSON.createArrayNode().add(JSON.createObjectNode().put("role", "user").put("content", prompt)))
                .toString()));
        return new SignalExtractor().extract(r);
    }

    void check(String label, Function<JsonNode, String> expected, Function<Signals, String> actual) {
        int n = 0, right = 0;
        List<String> misses = new ArrayList<>();
        for (JsonNode e : examples) {
            if (!e.has(label)) continue;
            n++;
            String want = expected.apply(e.get(label));
            String got = actual.apply(signals(e.get("prompt").asText()));
            if (want.equals(got)) right++;
            else misses.add("want " + want + " got " + got + ": " + e.get("prompt").asText().replace('\n', ' '));
        }
        misses.forEach(m -> System.out.println("[" + label + "] " + m));
        assertThat(n).as("labelled examples for " + label).isGreaterThanOrEqualTo(4);
        assertThat((double) right / n).as(label + " accuracy; misses: " + misses).isGreaterThanOrEqualTo(REQUIRED);
    }

    static String set(JsonNode arr) {
        TreeSet<String> s = new TreeSet<>();
        arr.forEach(x -> s.add(x.asText()));
        return s.toString();
    }

    static <E extends Enum<E>> String wireSet(java.util.Set<E> set, Function<E, String> wire) {
        TreeSet<String> s = new TreeSet<>();
        set.forEach(x -> s.add(wire.apply(x)));
        return s.toString();
    }

    @Test
    void taskType() {
        check("task", JsonNode::asText, s -> s.taskType().wire());
    }

    @Test
    void code() {
        check("code", JsonNode::asText, s -> Boolean.toString(s.hasCode()));
    }

    @Test
    void codeLanguage() {
        check("lang", JsonNode::asText, s -> String.valueOf(s.codeLanguage()));
    }

    @Test
    void math() {
        check("math", JsonNode::asText, s -> Boolean.toString(s.math()));
    }

    @Test
    void highStakesDomains() {
        check("domains", LabelledSignalsTest::set, s -> wireSet(s.domains(), Domain::wire));
    }

    @Test
    void structuredData() {
        check("structured", LabelledSignalsTest::set, s -> wireSet(s.structured(), StructuredData::wire));
    }

    @Test
    void instructions() {
        check("instructions", JsonNode::asText, s -> Integer.toString(s.instructions()));
    }

    @Test
    void requestedOutputSize() {
        check("size", JsonNode::asText, s -> s.outputSize().wire());
    }

    @Test
    void complexityMarkers() {
        check("complex", JsonNode::asText, s -> Boolean.toString(s.complexityMarkers() > 0));
    }

    @Test
    void everyTaskTypeIsLabelledAtLeastOnce() {
        Map<String, Integer> seen = new TreeMap<>();
        for (JsonNode e : examples) if (e.has("task")) seen.merge(e.get("task").asText(), 1, Integer::sum);
        for (TaskType t : TaskType.values()) assertThat(seen).as("labelled prompts per task").containsKey(t.wire());
    }
}
