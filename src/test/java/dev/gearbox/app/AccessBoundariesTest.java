package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.testing.FakeUpstream;
import dev.gearbox.testing.FakeUpstream.Script;
import dev.gearbox.testing.TestGateway;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may reach what: every admin path needs the admin token (401 before anything else, known
 * route or not, any method), the dashboard's paths too when it is served; and no request field or
 * header lets a client choose where the gateway sends a call (no SSRF): the upstream is always the
 * configured provider's base URL.
 */
class AccessBoundariesTest {
    static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";
    static final List<String[]> ADMIN_CALLS = List.of(
            new String[] {"GET", "/admin/keys"}, new String[] {"POST", "/admin/keys"}, new String[] {"DELETE", "/admin/keys/vk_0123456789ab"},
            new String[] {"GET", "/admin"}, new String[] {"GET", "/admin/"}, new String[] {"GET", "/admin/no-such-thing"},
            new String[] {"PUT", "/admin/keys"}, new String[] {"POST", "/admin/keys/../keys"},
            new String[] {"GET", "/admin/api/overview"}, new String[] {"GET", "/admin/api/requests/req_0123"}, new String[] {"GET", "/admin/api/keys"});

    @Test
    void everyAdminPathAnswers401WithoutTheToken() {
        try (TestGateway gw = TestGateway.start(TestGateway.SIMULATED_FLEET + "auth: {admin_token_env: GEARBOX_ADMIN_TOKEN}\n",
                Map.of("GEARBOX_ADMIN_TOKEN", ADMIN_TOKEN))) {
            for (String[] call : ADMIN_CALLS) {
                for (String auth : new String[] {null, "Bearer wrong-token-0123456789", "Bearer " + ADMIN_TOKEN.substring(1), ADMIN_TOKEN}) {
                    HttpResponse<String> r = send(gw, call[0], call[1], auth);
                    assertThat(r.statusCode()).as("%s %s with %s", call[0], call[1], auth).isEqualTo(401);
                    assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code")).isEqualTo("invalid_api_key");
                }
            }
            assertThat(send(gw, "GET", "/admin/keys", "Bearer " + ADMIN_TOKEN).statusCode()).as("the token opens it").isEqualTo(200);
            // The dashboard is behind the same token: without it a page sends the browser to the login form
            // (which holds no data), and its data (/admin/api, above) answers 401.
            for (String ui : List.of("/ui", "/ui/", "/ui/index.html", "/ui/api/keys")) {
                HttpResponse<String> r = send(gw, "GET", ui, null);
                assertThat(r.statusCode()).as(ui).isIn(302, 401, 404);
                if (r.statusCode() == 302) assertThat(r.headers().firstValue("location")).as(ui).hasValueSatisfying(l -> assertThat(l).isIn("/ui/", "/ui/login.html"));
            }
        }
    }

    @Test
    void noClientFieldOrHeaderChoosesTheUpstream() {
        FakeUpstream configured = FakeUpstream.start();
        FakeUpstream elsewhere = FakeUpstream.start();
        configured.enqueue(Script.json(200, """
                {"id":"c","object":"chat.completion","created":1,"model":"gpt-4.1-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}"""));
        String there = elsewhere.baseUrl();
        try (TestGateway gw = TestGateway.start("""
                providers:
                  - {name: openai, kind: openai, base_url: %s/v1}
                deployments:
                  - {model: gpt-4.1-mini, provider: openai}
                observe: {mode: route}
                """.formatted(configured.baseUrl()), Map.of())) {
            String fields = ("\"base_url\":\"%1$s/v1\",\"api_base\":\"%1$s/v1\",\"baseURL\":\"%1$s/v1\",\"url\":\"%1$s/v1\","
                    + "\"endpoint\":\"%1$s/v1/chat/completions\",\"extra_body\":{\"base_url\":\"%1$s\"}").formatted(there);
            String[] headers = {"x-forwarded-host", there.substring(7), "x-forwarded-proto", "http", "x-original-url", there + "/v1",
                    "x-gearbox-base-url", there, "x-upstream-url", there, "openai-base-url", there, "x-api-base", there};
            var chat = gw.post("/v1/chat/completions", "{\"model\":\"gpt-4.1-mini\"," + fields
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", headers);
            assertThat(chat.statusCode()).isEqualTo(200);
            var messages = gw.post("/v1/messages", "{\"model\":\"gpt-4.1-mini\",\"max_tokens\":8," + fields
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", headers);
            assertThat(messages.statusCode()).isEqualTo(200);
            var responses = gw.post("/v1/responses", "{\"model\":\"gpt-4.1-mini\"," + fields + ",\"input\":\"hi\"}", headers);
            assertThat(responses.statusCode()).isEqualTo(200);
            // A model name that is a URL is a model name: not served, so a 404, and nothing is called.
            var url = gw.post("/v1/chat/completions", "{\"model\":\"" + there + "/v1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(url.statusCode()).isEqualTo(404);
            assertThat(configured.received()).hasSize(3);
            assertThat(elsewhere.received()).as("nothing reached a client-named host").isEmpty();
        } finally {
            configured.close();
            elsewhere.close();
        }
    }

    static HttpResponse<String> send(TestGateway gw, String method, String path, String auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .method(method, method.equals("POST") || method.equals("PUT")
                        ? HttpRequest.BodyPublishers.ofString("{\"name\":\"k\"}") : HttpRequest.BodyPublishers.noBody());
        if (auth != null) b.header("authorization", auth);
        return gw.send(b.build());
    }
}
