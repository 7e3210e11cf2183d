package dev.gearbox.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gearbox.ledger.LedgerRecord;
import dev.gearbox.testing.FakeUpstream;
import dev.gearbox.testing.FakeUpstream.Script;
import dev.gearbox.testing.TestGateway;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Virtual keys, limits, budgets, allowed models, tier caps and the admin API, seen from the wire. */
class GovernanceTest {
    static final String ADMIN = "admin-token-0123456789abcdef";
    static final String ASK = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
    static final String OK = """
            {"id":"c","object":"chat.completion","created":1,"model":"gpt-4.1-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}""";

    TestGateway gw;
    FakeUpstream upstream;

    void start(String extra) {
        gw = TestGateway.start(TestGateway.SIMULATED_FLEET + extra, Map.of("GEARBOX_ADMIN_TOKEN", ADMIN));
    }

    @AfterEach
    void stop() {
        if (gw != null) gw.close();
        if (upstream != null) upstream.close();
    }

    Keys.Created key(String tier, List<String> models, int rpm, int tpm, double daily) {
        return gw.gateway().keys().create("test key", "search-team", tier, models, rpm, tpm, daily, 0);
    }

    HttpResponse<String> ask(String secret) {
        return ask(secret, ASK);
    }

    HttpResponse<String> ask(String secret, String body) {
        return secret == null ? gw.post("/v1/chat/completions", body) : gw.post("/v1/chat/completions", body, "authorization", "Bearer " + secret);
    }

    static JsonObject error(HttpResponse<String> r) {
        return new JsonObject(r.body()).getJsonObject("error");
    }

    LedgerRecord record(HttpResponse<String> r) {
        String id = r.headers().firstValue("x-gearbox-request-id").orElseThrow();
        await().until(() -> gw.records().stream().anyMatch(x -> x.requestId().equals(id)));
        return gw.records().stream().filter(x -> x.requestId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void whenKeysAreRequiredOnlyAnActiveVirtualKeyGetsIn() {
        start("auth: {require_keys: true}\n");
        var none = ask(null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(error(none).getString("code")).isEqualTo("invalid_api_key");
        assertThat(error(none).getString("message")).contains("Authorization: Bearer gbx-");
        assertThat(ask("gbx-not-a-real-key").statusCode()).isEqualTo(401);
        assertThat(ask("sk-some-provider-key").statusCode()).isEqualTo(401);

        Keys.Created k = key(null, List.of(), 0, 0, 0);
        assertThat(k.secret()).startsWith("gbx-").hasSize(36);
        var ok = ask(k.secret());
        assertThat(ok.statusCode()).isEqualTo(200);
        LedgerRecord rec = record(ok);
        assertThat(rec.keyId()).isEqualTo(k.key().id());
        assertThat(rec.team()).isEqualTo("search-team");

        gw.gateway().keys().revoke(k.key().id());
        var revoked = ask(k.secret());
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(error(revoked).getString("message")).contains("revoked");
    }

    @Test
    void theSecretIsStoredOnlyAsItsHash() {
        start("");
        Keys.Created k = key(null, List.of(), 0, 0, 0);
        VirtualKey stored = gw.gateway().keys().list().get(0);
        assertThat(stored.secretHash()).isEqualTo(KeySecrets.hash(k.secret())).doesNotContain(k.secret());
        assertThat(stored.toString()).doesNotContain(k.secret());
    }

    @Test
    void aKeyOverItsRequestsPerMinuteGets429NamingTheLimitAndTheReset() {
        start("");
        Keys.Created k = key(null, List.of(), 2, 0, 0);
        assertThat(ask(k.secret()).statusCode()).isEqualTo(200);
        assertThat(ask(k.secret()).statusCode()).isEqualTo(200);
        var third = ask(k.secret());
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(error(third).getString("code")).isEqualTo("rpm_limit_exceeded");
        assertThat(error(third).getString("type")).isEqualTo("rate_limit_error");
        assertThat(error(third).getString("message")).contains("2 requests per minute").contains("resets at ").contains(":00Z");
        assertThat(Integer.parseInt(third.headers().firstValue("retry-after").orElseThrow())).isBetween(1, 60);
        assertThat(record(third).status()).isEqualTo(429); // refusals are in the ledger too
        assertThat(ask(null).statusCode()).isEqualTo(200); // other callers are not affected
    }

    @Test
    void aKeyOverItsTokensPerMinuteGets429() {
        start("");
        Keys.Created k = key(null, List.of(), 0, 300, 0);
        // about 3 prompt tokens + 256 assumed output: fits once, not twice
        assertThat(ask(k.secret()).statusCode()).isEqualTo(200);
        var r = ask(k.secret(), "{\"model\":\"auto\",\"max_tokens\":280,\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(error(r).getString("code")).isEqualTo("tpm_limit_exceeded");
        assertThat(error(r).getString("message")).contains("300 tokens per minute");
    }

    @Test
    void aSpentDailyBudgetRefusesFurtherRequestsUntilTheNextUtcDay() {
        start("");
        Keys.Created k = key(null, List.of(), 0, 0, 0.000001);
        var first = ask(k.secret());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(record(first).costUsd()).isGreaterThan(0.000001);
        var second = ask(k.secret());
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(error(second).getString("code")).isEqualTo("daily_budget_exceeded");
        assertThat(error(second).getString("message")).contains("daily budget of $0.00").contains("T00:00:00Z");
    }

    @Test
    void aKeyMayUseOnlyItsModels() {
        start("");
        Keys.Created k = key(null, List.of("demo-efficient"), 0, 0, 0);
        var direct = ask(k.secret(), "{\"model\":\"demo-frontier\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(direct.statusCode()).isEqualTo(403);
        assertThat(error(direct).getString("code")).isEqualTo("model_not_allowed");
        assertThat(error(direct).getString("message")).contains("demo-efficient");
        var allowed = ask(k.secret(), "{\"model\":\"demo-efficient\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(allowed.statusCode()).isEqualTo(200);
    }

    String upstreamFleet(String tiers) {
        upstream = FakeUpstream.start();
        upstream.enqueue(Script.json(200, OK));
        return """
                providers:
                  - {name: acct, kind: openai, base_url: %s/v1}
                deployments:
                  - {model: gpt-4.1-mini, provider: acct}
                routing:
                  default: one
                  policies:
                    - {name: one, type: rules, default: {model: gpt-4.1-mini}}
                %s""".formatted(upstream.baseUrl(), tiers);
    }

    static int maxTokens(JsonObject sent) {
        Integer v = sent.getInteger("max_completion_tokens");
        return v != null ? v : sent.getInteger("max_tokens");
    }

    @Test
    void aTierCapLowersMaxTokensOnTheWireOrRefuses() {
        gw = TestGateway.start(upstreamFleet("""
                tiers:
                  batch: {max_output_tokens: 64, on_exceed: cap}
                  strict: {max_output_tokens: 64, on_exceed: refuse}
                  cheap: {max_cost_usd: 0.0001, on_exceed: cap}
                """));
        String big = "{\"model\":\"auto\",\"max_tokens\":500,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertThat(gw.post("/v1/chat/completions", big, "x-gearbox-tier", "batch").statusCode()).isEqualTo(200);
        assertThat(maxTokens(upstream.last().json())).isEqualTo(64);

        var refused = gw.post("/v1/chat/completions", big, "x-gearbox-tier", "strict");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(error(refused).getString("code")).isEqualTo("tier_cap_exceeded");
        assertThat(error(refused).getString("message")).contains("cap of 64");

        // gpt-4.1-mini output is $1.60 / 1M: $0.0001 buys at most 62 output tokens after a tiny prompt
        assertThat(gw.post("/v1/chat/completions", big, "x-gearbox-tier", "cheap").statusCode()).isEqualTo(200);
        assertThat(maxTokens(upstream.last().json())).isBetween(50, 62);

        assertThat(gw.post("/v1/chat/completions", big, "x-gearbox-tier", "interactive").statusCode()).isEqualTo(200);
        assertThat(maxTokens(upstream.last().json())).isEqualTo(500);
    }

    @Test
    void theAdminApiCreatesListsAndRevokesKeys() {
        start("auth: {require_keys: true, admin_token_env: GEARBOX_ADMIN_TOKEN}\n");
        assertThat(gw.get("/admin/keys").statusCode()).isEqualTo(401);
        var wrong = gw.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/admin/keys"))
                .header("authorization", "Bearer not-the-token-at-all").GET().build());
        assertThat(wrong.statusCode()).isEqualTo(401);

        var created = gw.post("/admin/keys", """
                {"name":"reports","team":"finance","tier":"batch","models":["demo-efficient"],"rpm":10,"daily_usd":5}""",
                "authorization", "Bearer " + ADMIN);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject k = new JsonObject(created.body());
        String secret = k.getString("secret");
        assertThat(secret).startsWith("gbx-");
        assertThat(k.getString("team")).isEqualTo("finance");
        assertThat(k.getInteger("rpm")).isEqualTo(10);

        var list = gw.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/admin/keys"))
                .header("authorization", "Bearer " + ADMIN).GET().build());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(k.getString("id")).doesNotContain(secret).doesNotContain(KeySecrets.hash(secret));

        assertThat(ask(secret, "{\"model\":\"demo-efficient\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode()).isEqualTo(200);

        var bad = gw.post("/admin/keys", "{\"name\":\"x\",\"rpm\":-1}", "authorization", "Bearer " + ADMIN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(error(bad).getString("param")).isEqualTo("rpm");

        var revoke = gw.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/admin/keys/" + k.getString("id")))
                .header("authorization", "Bearer " + ADMIN).DELETE().build());
        assertThat(revoke.statusCode()).isEqualTo(200);
        assertThat(ask(secret).statusCode()).isEqualTo(401);
        var again = gw.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/admin/keys/" + k.getString("id")))
                .header("authorization", "Bearer " + ADMIN).DELETE().build());
        assertThat(again.statusCode()).isEqualTo(404);
    }

    @Test
    void withoutAnAdminTokenTheAdminApiDoesNotExist() {
        start("");
        var r = gw.post("/admin/keys", "{\"name\":\"x\"}", "authorization", "Bearer anything");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(error(r).getString("message")).contains("admin_token_env");
    }
}
