package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gearbox eval --config gearbox.yaml --policy NAME}: a rules policy scored through the gateway's Router. */
class EvalConfiguredPolicyTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRulesPolicyFromTheConfigIsScoredOnARouteset(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("gearbox.yaml"), """
                providers:
                  - {name: sim, kind: simulated}
                deployments:
                  - {model: demo-frontier, provider: sim}
                  - {model: demo-efficient, provider: sim}
                routing:
                  default: auto
                  policies:
                    - name: auto
                      type: rules
                      rules:
                        - {name: proofs, when: {min_complexity_markers: 1}, tier: frontier}
                      default: {tier: efficient}
                """);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            boolean hard = i % 2 == 0;
            String prompt = hard ? "Prove step by step that claim " + i + " holds." : "Translate 'hello " + i + "' into French.";
            lines.add(JSON.createObjectNode().put("id", "q" + i).put("task", "synthetic").put("split", "test").put("prompt", prompt)
                    .set("scores", JSON.createObjectNode().put("strong-model", 1.0).put("weak-model", hard ? 0.0 : 1.0)).toString());
        }
        Path data = dir.resolve("set.jsonl");
        Files.write(data, lines);
        Files.writeString(dir.resolve("set.meta.json"), """
                {"score": {"kind": "correct", "min": 0, "max": 1}, "strong": "strong-model", "weak": "weak-model",
                 "models": {"strong-model": {"input_usd_per_mtok": 10, "output_usd_per_mtok": 30},
                            "weak-model": {"input_usd_per_mtok": 0.25, "output_usd_per_mtok": 0.25}}}
                """);
        Path out = dir.resolve("out");
        int code = Main.commandLine().execute("eval", "--config", dir.resolve("gearbox.yaml").toString(), "--policy", "auto",
                "--data", data.toString(), "--out", out.toString());
        assertThat(code).isZero();
        for (String line : Files.readAllLines(out.resolve("decisions.jsonl"))) {
            JsonNode d = JSON.readTree(line);
            int i = Integer.parseInt(d.get("id").asText().substring(1));
            if (i % 2 == 0) assertThat(d.get("p_strong").asDouble()).as(line).isGreaterThan(0.9);
            else assertThat(d.get("p_strong").asDouble()).as(line).isLessThan(0.1);
        }
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        // the rules separate the prompts perfectly, so the policy scores what the oracle scores
        assertThat(summary.path("metrics").path("apgr").asDouble())
                .isEqualTo(summary.path("baselines").path("optimal").path("apgr").asDouble(), org.assertj.core.data.Offset.offset(1e-9))
                .isGreaterThan(summary.path("baselines").path("random").path("apgr").asDouble());
        assertThat(Files.exists(out.resolve("curve.svg"))).isTrue();
    }
}
