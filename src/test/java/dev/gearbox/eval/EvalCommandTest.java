package dev.gearbox.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvalCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(EvalPolicies registry, String... args) {
        CommandLine cli = new CommandLine(new EvalCommand(registry));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void scoresABuiltInBaselineAndWritesTheReport() throws Exception {
        int code = run(EvalPolicies.withBaselines(), "--data", Fixtures.path("pair.jsonl").toString(),
                "--policy", "length", "--split", "all", "--out", dir.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("pair length (10 prompts): APGR 0.5643");
        JsonNode summary = Json.MAPPER.readTree(dir.resolve(EvalReport.SUMMARY).toFile());
        assertThat(summary.path("metrics").path("apgr").asDouble()).isCloseTo(79.0 / 140.0, within(1e-12));
        assertThat(summary.path("split").asText()).isEqualTo("test+train");
        assertThat(Files.exists(dir.resolve(EvalReport.CURVE))).isTrue();
    }

    @Test
    void theDefaultSplitIsTest() {
        int code = run(EvalPolicies.withBaselines(), "--data", Fixtures.path("pair.jsonl").toString(),
                "--policy", "random", "--seed", "5", "--out", dir.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("pair random (8 prompts)");
    }

    @Test
    void anUnknownPolicyListsTheKnownOnes() {
        int code = run(EvalPolicies.withBaselines(), "--data", Fixtures.path("pair.jsonl").toString(),
                "--policy", "mf", "--out", dir.toString());

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("Unknown policy 'mf'. Known policies: random, length, optimal, cheapest, best-single");
    }

    @Test
    void registeredPoliciesReceiveTheTrainingSetsAndSeed() {
        EvalPolicies registry = EvalPolicies.withBaselines().register("by-train-size", ctx -> {
            assertThat(ctx.train()).hasSize(1);
            assertThat(ctx.seed()).isEqualTo(9);
            double size = ctx.train().getFirst().size();
            return EvalPolicy.ofTwoModel(item -> item.prompt().length() * size);
        });

        int code = run(registry, "--data", Fixtures.path("pair.jsonl").toString(), "--policy", "by-train-size",
                "--train", Fixtures.path("trio.jsonl").toString(), "--seed", "9", "--split", "all", "--out", dir.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("APGR 0.5643");
    }

    @Test
    void aTwoModelOnlyPolicyIsRefusedOnAMultiModelSet() {
        int code = run(EvalPolicies.withBaselines(), "--data", Fixtures.path("trio.jsonl").toString(),
                "--policy", "length", "--out", dir.toString());

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("Policy 'length' cannot score multi-model routesets such as trio.jsonl");
    }

    @Test
    void theOracleScoresAMultiModelSet() {
        int code = run(EvalPolicies.withBaselines(), "--data", Fixtures.path("trio.jsonl").toString(),
                "--policy", "optimal", "--out", dir.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("trio optimal (4 prompts): AIQ 0.8350", "best single mid");
    }
}
