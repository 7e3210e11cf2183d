package dev.gearbox.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gearbox.app.Gateway;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.governance.Keys;
import dev.gearbox.ledger.LedgerRecord;
import dev.gearbox.testing.TestGateway;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Modes per gateway, route and key; quality sampling with the judge; feedback explicit and implicit. */
class ObserveModesTest {
    static final String CODE = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Fix this: ```python\\ndef f(:\\n  pass\\n```\"}]}";
    static final String HI = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}";
    TestGateway gw;

    @AfterEach
    void stop() {
        if (gw != null) gw.close();
    }

    LedgerRecord record(HttpResponse<String> r) {
        String id = r.headers().firstValue("x-gearbox-request-id").orElseThrow();
        await().until(() -> gw.records().stream().anyMatch(x -> x.requestId().equals(id)));
        return gw.records().stream().filter(x -> x.requestId().equals(id)).findFirst().orElseThrow();
    }

    static String withBaseline(String extra) {
        return TestGateway.SIMULATED_FLEET.replace("  baseline: demo-frontier\n", "  baseline: demo-frontier\n") + extra;
    }

    @Test
    void observeServesTheBaselineAndRecordsWhereItWouldHaveRouted() {
        gw = TestGateway.start(withBaseline("observe: {mode: observe}\n"));
        var r = gw.post("/v1/chat/completions", HI);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-frontier"); // the baseline: what the app used before
        LedgerRecord rec = record(r);
        assertThat(rec.mode()).isEqualTo("observe");
        assertThat(rec.wouldModel()).isEqualTo("demo-mid");                             // the rules' default tier
        assertThat(rec.decision().policyId()).isEqualTo("auto-rules");
        assertThat(rec.projectedCostUsd()).isLessThan(rec.costUsd()).isPositive();
        // an explicitly named model is served as named, and routing is still recorded when it goes through a policy
        var named = gw.post("/v1/chat/completions", "{\"model\":\"demo-efficient\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(named.headers().firstValue("x-gearbox-model")).hasValue("demo-efficient");
    }

    @Test
    void aRouteOrAKeyCanBeLiveWhileTheRestObserves() {
        gw = TestGateway.start(withBaseline("observe: {mode: route, routes: {auto-rules: observe}}\n"));
        assertThat(gw.post("/v1/chat/completions", HI).headers().firstValue("x-gearbox-model")).hasValue("demo-frontier");
        Keys.Created live = gw.gateway().keys().create("live team", null, null, List.of(), 0, 0, 0, 0, "route");
        var r = gw.post("/v1/chat/completions", HI, "authorization", "Bearer " + live.secret());
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-mid");
        assertThat(record(r).mode()).isEqualTo("route");
    }

    @Test
    void aNewInstallWithARealProviderStartsInObserveMode() {
        var cfg = ConfigLoader.parse("""
                providers:
                  - {name: openai, kind: openai}
                deployments:
                  - {model: gpt-4.1-mini, provider: openai}
                """, "t.yaml", k -> null, Gateway.providerKinds());
        assertThat(cfg.defaultMode()).isEqualTo("observe");
        assertThat(ConfigLoader.parse(TestGateway.SIMULATED_FLEET, "t.yaml", k -> null, Gateway.providerKinds()).defaultMode()).isEqualTo("route");
    }

    @Test
    void qualitySamplingAsksTheNextTierUpAndTheJudgeGrades() {
        dev.gearbox.testing.FakeUpstream judge = dev.gearbox.testing.FakeUpstream.start();
        judge.enqueue(dev.gearbox.testing.FakeUpstream.Script.json(200, """
                {"id":"j","object":"chat.completion","created":1,"model":"gpt-4.1",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"7"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":50,"completion_tokens":1,"total_tokens":51}}"""));
        gw = TestGateway.start(TestGateway.SIMULATED_FLEET.replace("deployments:\n", "  - {name: judge, kind: openai, base_url: " + judge.baseUrl()
                + "/v1}\ndeployments:\n  - {model: gpt-4.1, provider: judge}\n") + """
                observe:
                  mode: route
                  shadow_tests:
                    sample: 1.0
                    compare_with: next-tier-up
                    evaluators: [exact, json, judge]
                    judge: {model: gpt-4.1, rubric: "Correct and complete?"}
                """);
        var r = gw.post("/v1/chat/completions", HI);
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-mid");
        String id = r.headers().firstValue("x-gearbox-request-id").orElseThrow();
        await().until(() -> gw.gateway().observations().shadowTests().size() == 3);
        var tests = gw.gateway().observations().shadowTests();
        assertThat(tests).allSatisfy(t -> {
            assertThat(t.requestId()).isEqualTo(id);
            assertThat(t.servedModel()).isEqualTo("demo-mid");
            assertThat(t.otherModel()).isEqualTo("demo-frontier");
            assertThat(t.score()).isBetween(0.0, 1.0);
        });
        assertThat(tests).extracting(ObservationLog.ShadowTest::evaluator).containsExactlyInAnyOrder("exact", "json", "judge");
        assertThat(tests.stream().filter(t -> t.evaluator().equals("judge")).findFirst().orElseThrow().score()).isEqualTo(6 / 9.0);
        String asked = judge.last().json().getJsonArray("messages").getJsonObject(0).getString("content");
        assertThat(asked).contains("Rubric: Correct and complete?").contains("hi there").contains("Reference answer:");
        judge.close();
        assertThat(tests.stream().mapToDouble(ObservationLog.ShadowTest::otherCostUsd).sum()).isPositive();
        assertThat(record(r).costUsd()).isEqualTo(record(r).attempts().stream().mapToDouble(a -> a.costUsd()).sum()); // the shadow call is not billed to the request
    }

    @Test
    void feedbackExplicitAndImplicit() {
        gw = TestGateway.start(TestGateway.SIMULATED_FLEET);
        Keys.Created k = gw.gateway().keys().create("app", null, null, List.of(), 0, 0, 0, 0);
        var first = gw.post("/v1/chat/completions", HI, "authorization", "Bearer " + k.secret());
        String id = first.headers().firstValue("x-gearbox-request-id").orElseThrow();
        var fb = gw.post("/v1/feedback", "{\"request_id\":\"" + id + "\",\"thumbs\":\"down\",\"comment\":\"wrong\"}");
        assertThat(fb.statusCode()).isEqualTo(202);
        var again = gw.post("/v1/chat/completions", HI, "authorization", "Bearer " + k.secret()); // the same question again
        String againId = again.headers().firstValue("x-gearbox-request-id").orElseThrow();
        gw.post("/v1/chat/completions", HI, "x-gearbox-regenerate", againId);
        assertThat(gw.gateway().observations().feedbacks()).extracting(f -> f.requestId() + ":" + f.source() + ":" + f.score())
                .containsExactly(id + ":explicit:-1.0", id + ":repeat:-0.5", againId + ":regenerate:-0.5");
        var bad = gw.post("/v1/feedback", "{\"request_id\":\"" + id + "\",\"score\":3}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(bad.body()).getJsonObject("error").getString("param")).isEqualTo("score");
        assertThat(gw.post("/v1/feedback", "{\"score\":1}").statusCode()).isEqualTo(400);
    }
}
