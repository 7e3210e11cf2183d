package dev.gearbox.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Semantic, judge and cascade through {@code gearbox eval}, on a small routeset with recorded answers. */
class SlowPoliciesEvalTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Map<String, Double> run(String... args) throws Exception {
        CommandLine cli = new CommandLine(new EvalCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        assertThat(code).as(err.toString()).isZero();
        Map<String, Double> p = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("decisions.jsonl"))) {
            JsonNode n = Json.MAPPER.readTree(line);
            p.put(n.path("id").asText(), n.path("p_strong").asDouble());
        }
        return p;
    }

    private String data() {
        return Fixtures.path("answers.jsonl").toString();
    }

    @Test
    void cascadeEscalatesExactlyThePromptsWhoseCheapAnswerFailsACheck() throws Exception {
        Map<String, Double> p = run("--data", data(), "--policy", "cascade", "--out", dir.toString());
        // 1: "I'm not sure" (refusal), 3: empty, 5: "I cannot help" (refusal); the others pass.
        assertThat(p).containsExactlyInAnyOrderEntriesOf(Map.of("answers/1", 1.0, "answers/2", 0.0, "answers/3", 1.0,
                "answers/4", 0.0, "answers/5", 1.0, "answers/6", 0.0));
        // Here the checks catch exactly the prompts the weak model got wrong: the cascade matches the oracle.
        assertThat(out.toString()).contains("answers cascade (6 prompts): APGR 0.7500").contains("baseline optimal  APGR 0.7500");
    }

    @Test
    void semanticFixedRoutesScoreHardPromptsAboveEasyOnes() throws Exception {
        Map<String, Double> p = run("--data", data(), "--policy", "semantic", "--out", dir.toString());
        assertThat(p.get("answers/1")).isGreaterThan(p.get("answers/2")).isGreaterThan(p.get("answers/6"));
        assertThat(p.get("answers/5")).isGreaterThan(p.get("answers/4"));
    }

    @Test
    void semanticKnnLearnsRoutesFromTheTrainSplitOnly() throws Exception {
        Map<String, Double> p = run("--data", data(), "--policy", "semantic-knn", "--train", data(), "--out", dir.toString());
        assertThat(p).hasSize(6).doesNotContainKey("answers/7");
        assertThat(p.get("answers/1")).isGreaterThan(0.5);
        assertThat(p.get("answers/5")).isGreaterThan(0.5);
        assertThat(p.get("answers/2")).isLessThan(0.5);
        assertThat(p.get("answers/4")).isLessThan(0.5);
    }

    @Test
    void judgeRunsTheGatewaysJudgeRequestAgainstASimulatedModelForEveryPrompt() throws Exception {
        Map<String, Double> p = run("--data", data(), "--policy", "judge", "--out", dir.toString());
        assertThat(p).hasSize(6);
        // The simulated judge answers the first label of the schema's enum: SIMPLE (0) for every prompt.
        assertThat(p.values()).containsOnly(0.0);
    }

    @Test
    void semanticOnAMultiModelSetWithoutTrainingDataSaysWhatItNeeds() {
        assertThatThrownBy(() -> SemanticEval.create(new PolicyContext(Fixtures.load("trio.jsonl"), java.util.List.of(), 0),
                dev.gearbox.policy.SemanticMatcher.Match.KNN))
                .hasMessageContaining("--train");
    }
}
