package dev.gearbox.learn;

import static dev.gearbox.learn.LearnedRoutingTest.fixture;
import static dev.gearbox.learn.LearnedRoutingTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.testing.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a small synthetic routeset of three models (code needs the coder, maths the
 * mathematician, chit-chat the chatter, the cheapest): {@code gearbox train} writes
 * a quality router, a cost-aware policy with {@code quality: learned} routes with it on the wire,
 * and {@code gearbox eval --policy learned} scores it on the held-out split.
 */
class QualityRoutingTest {
    @TempDir
    Path dir;

    static String policy(Path router) {
        return TestGateway.SIMULATED_FLEET.replace("default: auto-rules", "default: by-quality").replace("  policies:\n", """
                  policies:
                    - name: by-quality
                      type: cost-aware
                      lambda: 0.5
                      quality: learned
                      router: %s
                      models: {demo-frontier: coder, demo-mid: mathematician, demo-efficient: chatter}
                """.formatted(router));
    }

    static HttpResponse<String> ask(TestGateway gw, String prompt) {
        return gw.post("/v1/chat/completions", "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}");
    }

    @Test
    void trainWritesAQualityRouterThatTheCostAwarePolicyRoutesWith() throws Exception {
        Path router = dir.resolve("quality.router.json");
        String report = run("train", "--data", fixture("quality.jsonl").toString(), "--out", router.toString(), "--seed", "1", "--k", "5");
        assertThat(report).contains("quality: 30 prompts (train split) scored on every one of 3 models")
                .contains("Brier").contains("each prompt to its best predicted model").contains("quality: learned");
        JsonNode file = new ObjectMapper().readTree(router.toFile());
        assertThat(file.get("format").asText()).isEqualTo(QualityRouterFile.FORMAT);
        assertThat(file.get("models").toString()).isEqualTo("[\"coder\",\"mathematician\",\"chatter\"]");

        try (TestGateway gw = TestGateway.start(policy(router))) {
            var code = ask(gw, "Why does this Python function raise a KeyError when the dictionary is empty?");
            var maths = ask(gw, "Solve 2x^2 - 8x + 6 = 0 and show each step");
            var chat = ask(gw, "Hello! Tell me something nice about dogs");
            String why = "code: " + code.headers().firstValue("x-gearbox-reason").orElse("") + " / maths: "
                    + maths.headers().firstValue("x-gearbox-reason").orElse("") + " / chat: " + chat.headers().firstValue("x-gearbox-reason").orElse("");
            assertThat(code.statusCode()).isEqualTo(200);
            assertThat(code.headers().firstValue("x-gearbox-model")).as(why).hasValue("demo-frontier");
            assertThat(maths.headers().firstValue("x-gearbox-model")).as(why).hasValue("demo-mid");
            assertThat(chat.headers().firstValue("x-gearbox-model")).as(why).hasValue("demo-efficient");
            assertThat(code.headers().firstValue("x-gearbox-route")).hasValue("by-quality");
            assertThat(code.headers().firstValue("x-gearbox-reason").orElseThrow()).startsWith("max quality - 0.50 x cents: demo-frontier");
        }
    }

    @Test
    void evalScoresItOnTheHeldOutSplit() throws Exception {
        run("eval", "--data", fixture("quality.jsonl").toString(), "--policy", "learned", "--train", fixture("quality.jsonl").toString(),
                "--out", dir.resolve("q").toString());
        JsonNode s = new ObjectMapper().readTree(dir.resolve("q/summary.json").toFile());
        assertThat(s.get("prompts").asInt()).isEqualTo(6);
        // each model alone gets one kind in three right; routing by kind, when cost matters little, gets (nearly) all
        assertThat(s.get("bestSingle").get("quality").asDouble()).isLessThan(0.5);
        double best = 0;
        for (JsonNode p : s.get("metrics").get("points")) best = Math.max(best, p.get("quality").asDouble());
        assertThat(best).isGreaterThanOrEqualTo(5 / 6.0);
        assertThat(Files.readString(dir.resolve("q/decisions.jsonl"))).contains("\"model\"");
    }

    @Test
    void theReadmeBlockRoutesWithARouterOverTheModelsItNames() throws Exception {
        // the synthetic set with its models renamed to the README's: coder, mathematician, chatter
        String[][] names = {{"coder", "llama-3.1-nemotron-51b-instruct"}, {"mathematician", "llama-3.1-8b-instruct"}, {"chatter", "gemma-2-9b-it"}};
        String data = Files.readString(fixture("quality.jsonl"));
        String meta = Files.readString(fixture("quality.meta.json"));
        for (String[] n : names) {
            data = data.replace("\"" + n[0] + "\"", "\"" + n[1] + "\"");
            meta = meta.replace("\"" + n[0] + "\"", "\"" + n[1] + "\"");
        }
        Files.writeString(dir.resolve("readme.jsonl"), data);
        Files.writeString(dir.resolve("readme.meta.json"), meta);
        Path router = dir.resolve("quality.router.json");
        run("train", "--data", dir.resolve("readme.jsonl").toString(), "--out", router.toString(), "--k", "5");
        String fleet = TestGateway.SIMULATED_FLEET.substring(0, TestGateway.SIMULATED_FLEET.indexOf("routing:"));
        String block = dev.gearbox.testing.ReadmeBlocks.yaml("quality-policy");
        assertThat(block).contains("router: routers/quality.router.json");
        try (TestGateway gw = TestGateway.start(fleet + block.replace("routers/quality.router.json", router.toString()))) {
            var code = ask(gw, "Why does this Python function raise a KeyError when the dictionary is empty?");
            var chat = ask(gw, "Hello! Tell me something nice about dogs");
            assertThat(code.headers().firstValue("x-gearbox-route")).hasValue("by-quality");
            assertThat(code.headers().firstValue("x-gearbox-model")).hasValue("demo-frontier");
            assertThat(chat.headers().firstValue("x-gearbox-model")).hasValue("demo-efficient");
        }
    }

    @Test
    void badConfigsSayWhatToFix() throws Exception {
        Path router = dir.resolve("quality.router.json");
        run("train", "--data", fixture("quality.jsonl").toString(), "--out", router.toString(), "--k", "5");
        assertThat(catchThrowable(() -> TestGateway.start(policy(router).replace("demo-mid: mathematician", "demo-mid: poet"))))
                .hasStackTraceContaining("the router has no model 'poet'").hasStackTraceContaining("[coder, mathematician, chatter]");
        assertThat(catchThrowable(() -> TestGateway.start(policy(router).replace("      models: {demo-frontier: coder, demo-mid: mathematician, demo-efficient: chatter}\n", ""))))
                .hasStackTraceContaining("quality: learned needs `models`");
        assertThat(catchThrowable(() -> TestGateway.start(policy(dir.resolve("none.json")))))
                .hasStackTraceContaining("does not exist").hasStackTraceContaining("./gearbox train");
        assertThat(catchThrowable(() -> TestGateway.start(policy(router).replace("quality: learned", "version: '2'"))))
                .hasStackTraceContaining("`router` and `models` go with quality: learned");
    }

    /** {@code --strong-weak}: the same multi-model set trains a strong/weak router (its best model against its cheapest), as the shipped one is. */
    @Test
    void strongWeakTrainsATwoModelRouterFromASetOfSeveralModels() throws Exception {
        Path router = dir.resolve("pair.router.json");
        String report = run("train", "--strong-weak", "--data", fixture("quality.jsonl").toString(), "--out", router.toString(), "--k", "5");
        assertThat(report).contains("quality: 30 prompts (train split), strong ").contains(" vs weak ")
                .contains("recipe full (fewer than two sources").contains("Held-out calibration");
        JsonNode file = new ObjectMapper().readTree(router.toFile());
        assertThat(file.get("format").asText()).isEqualTo("gearbox-router/1");
        assertThat(file.get("trained_on").toString()).isEqualTo("[\"quality:train\"]");
    }
}
