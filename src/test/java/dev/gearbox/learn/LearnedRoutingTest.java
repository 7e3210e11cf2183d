package dev.gearbox.learn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.testing.TestGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * End to end on a small synthetic routeset (hard maths needs the strong model, chit-chat does not):
 * {@code gearbox train} writes a router, a {@code type: learned} policy loads it, and requests are
 * routed by it on the wire; {@code gearbox eval} scores it.
 */
class LearnedRoutingTest {
    @TempDir
    Path dir;

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(LearnedRoutingTest.class.getResource("/fixtures/eval/" + name)).toURI());
    }

    static String run(String... args) {
        CommandLine cli = dev.gearbox.app.MainAccess.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    @Test
    void trainWritesARouterThatTheGatewayRoutesWith() throws Exception {
        Path router = dir.resolve("synthetic.router.json");
        String report = run("train", "--data", fixture("learn.jsonl").toString(), "--out", router.toString(), "--seed", "1", "--k", "10");
        assertThat(report).contains("learn: 60 prompts (train split), strong strong-model vs weak weak-model")
                .contains("Brier score").contains("P(strong)").contains("quality: 0.95").contains("Wrote " + router);
        assertThat(Files.size(router)).isPositive();

        try (TestGateway gw = TestGateway.start(TestGateway.SIMULATED_FLEET.replace("default: auto-rules", "default: learned")
                .replace("  policies:\n", """
                  policies:
                    - name: learned
                      type: learned
                      router: %s
                      strong: {model: demo-frontier}
                      weak: {model: demo-efficient}
                      strong_share: 0.5
                """.formatted(router)))) {
            var hard = gw.post("/v1/chat/completions",
                    "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Derive the closed form of the recurrence T(n) = 3 T(n/2) + n log n and justify each step.\"}]}");
            var easy = gw.post("/v1/chat/completions",
                    "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi! What is the capital of Italy?\"}]}");
            assertThat(hard.statusCode()).isEqualTo(200);
            assertThat(hard.headers().firstValue("x-gearbox-model")).as(hard.headers().firstValue("x-gearbox-reason").orElse("") + " / easy: "
                    + easy.headers().firstValue("x-gearbox-reason").orElse("")).hasValue("demo-frontier");
            assertThat(hard.headers().firstValue("x-gearbox-reason").orElseThrow()).contains("learned score").contains(">= threshold");
            assertThat(easy.headers().firstValue("x-gearbox-model")).hasValue("demo-efficient");
            assertThat(easy.headers().firstValue("x-gearbox-reason").orElseThrow()).contains("< threshold").contains("50% strong");
        }
    }

    @Test
    void evalScoresTheLearnedRouterInBothSettings() throws Exception {
        String personal = run("eval", "--data", fixture("learn.jsonl").toString(), "--split", "all", "--policy", "learned-personal",
                "--out", dir.resolve("p").toString());
        assertThat(Files.readString(dir.resolve("p/summary.json"))).contains("\"apgr\"");
        String ood = run("eval", "--data", fixture("learn.jsonl").toString(), "--split", "test", "--policy", "learned",
                "--train", fixture("answers.jsonl").toString(), fixture("learn.jsonl").toString(), "--out", dir.resolve("o").toString());
        assertThat(Files.readString(dir.resolve("o/summary.json"))).contains("\"apgr\"");
    }

    @Test
    void aMissingRouterFileIsAConfigErrorWithTheFix() {
        var e = org.assertj.core.api.Assertions.catchThrowable(() -> TestGateway.start(TestGateway.SIMULATED_FLEET.replace("  policies:\n", """
                  policies:
                    - name: learned
                      type: learned
                      router: no/such.router.json
                      strong: {tier: frontier}
                      weak: {tier: efficient}
                """)));
        assertThat(e).hasStackTraceContaining("router file no/such.router.json does not exist")
                .hasStackTraceContaining("./gearbox train");
    }
}
