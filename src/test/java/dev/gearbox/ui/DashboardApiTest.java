package dev.gearbox.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.app.Gateway;
import dev.gearbox.app.MainAccess;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.config.ServerConfig;
import dev.gearbox.governance.JdbcKeyStore;
import dev.gearbox.ledger.JdbcLedger;
import dev.gearbox.ledger.Ledgers;
import dev.gearbox.ledger.RecentLedger;
import dev.gearbox.observe.JdbcObservationLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API behind the dashboard over real HTTP: the admin token guards it, bad parameters get
 * a 400 that says what is wrong, and its documents are exactly what {@code gearbox report --json}
 * prints for the same ledger (the CLI and the dashboard share them).
 */
class DashboardApiTest {
    static final String TOKEN = "api-test-admin-token-0123456789";
    static final String FLEET = """
            providers:
              - {name: sim, kind: simulated, options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 20}}
            deployments:
              - {model: demo-frontier, provider: sim}
              - {model: demo-mid, provider: sim}
            routing:
              default: auto
              baseline: demo-frontier
              policies:
                - name: auto
                  type: rules
                  rules: [{name: code, when: {has_code: true}, tier: frontier}]
                  default: {tier: mid}
            ledger:
              store: sqlite
              path: %s
            """;

    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theApiNeedsTheAdminTokenAndServesWhatReportPrints() throws Exception {
        String fleet = FLEET.formatted(dir.resolve("ledger.db"));
        GearboxConfig cfg = ConfigLoader.parse(fleet + "auth: {admin_token_env: GEARBOX_ADMIN_TOKEN}\n", "t.yaml",
                Map.of("GEARBOX_ADMIN_TOKEN", TOKEN)::get, Gateway.providerKinds()).withServer(new ServerConfig("127.0.0.1", 0, 1 << 20));
        JdbcLedger ledger = (JdbcLedger) Ledgers.open(cfg.ledger());
        Gateway gw = Gateway.start(cfg, ledger, null, new JdbcKeyStore(ledger.store().dataSource()),
                new JdbcObservationLog(ledger.store().dataSource())).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        String base = "http://127.0.0.1:" + gw.port();
        try {
            String id = null;
            for (int i = 0; i < 9; i++) {
                String content = i % 3 == 0 ? "Fix:\\n```py\\nprint(1\\n```" : "Say hello " + i;
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions")).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                id = r.headers().firstValue("x-gearbox-request-id").orElseThrow();
            }
            String last = id;
            await().atMost(Duration.ofSeconds(10)).until(() -> get(base, "/admin/api/requests/" + last, TOKEN).statusCode() == 200);

            HttpResponse<String> anonymous = get(base, "/admin/api/overview", null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).contains("\"code\":\"invalid_api_key\"");
            assertThat(get(base, "/admin/api/overview", "not-the-admin-token-0000").statusCode()).isEqualTo(401);
            HttpResponse<String> badWindow = get(base, "/admin/api/overview?since=yesterday", TOKEN);
            assertThat(badWindow.statusCode()).isEqualTo(400);
            assertThat(badWindow.body()).contains("like 30m, 24h or 7d");
            assertThat(get(base, "/admin/api/summary?by=colour", TOKEN).body()).contains("'by' must be one of model, route, key, feature, all.");
            assertThat(get(base, "/admin/api/nothing", TOKEN).statusCode()).isEqualTo(404);
            assertThat(get(base, "/admin/api/requests/gbx-unknown", TOKEN).statusCode()).isEqualTo(404);

            JsonNode story = new ObjectMapper().readTree(get(base, "/admin/api/requests/" + last, TOKEN).body());
            assertThat(story.at("/request/request_id").asText()).isEqualTo(last);
            assertThat(story.at("/detail/attempts/0/status").asInt()).isEqualTo(200);
            assertThat(story.at("/detail/decision/candidates/0/model").asText()).isEqualTo(story.at("/request/served_model").asText());

            // a dashboard sign-in (session cookie) reads the dashboard's API, and nothing else under /admin
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/ui/login"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(303);
            String cookie = login.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/admin/api/overview")).header("cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/admin/keys")).header("cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("keys need the token itself").isEqualTo(401);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/admin/keys")).header("cookie", cookie)
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/admin/api/overview")).header("cookie", "gearbox_session=forged").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

            JsonNode overview = new ObjectMapper().readTree(get(base, "/admin/api/overview", TOKEN).body());
            assertThat(overview.at("/totals/requests").asLong()).isEqualTo(9);
            assertThat(overview.at("/baseline_model").asText()).isEqualTo("demo-frontier");

            // the same documents from the CLI (a config without the auth section: report needs only the ledger)
            Path cfgFile = dir.resolve("gearbox.yaml");
            Files.writeString(cfgFile, fleet);
            for (String[] view : new String[][] {{"summary?since=7d&by=all", "--by", "all"}, {"observation?since=7d", "--view", "observation"},
                    {"routes?since=7d", "--view", "routes"}, {"keys?since=7d", "--view", "keys"}}) {
                StringWriter out = new StringWriter();
                var cli = MainAccess.commandLine();
                cli.setOut(new PrintWriter(out));
                assertThat(cli.execute("report", "--config", cfgFile.toString(), "--json", "--since", "7d", view[1], view[2])).isZero();
                ObjectNode printed = (ObjectNode) new ObjectMapper().readTree(out.toString());
                ObjectNode served = (ObjectNode) new ObjectMapper().readTree(get(base, "/admin/api/" + view[0], TOKEN).body());
                // 'since' is each one's own clock; breakers are live state that only the gateway has; keys read spend to the day
                for (ObjectNode o : new ObjectNode[] {printed, served}) o.remove(java.util.List.of("since", "breakers", "day_start", "month_start"));
                assertThat(printed).as(view[0]).isEqualTo(served);
            }
        } finally {
            gw.close();
            ledger.close();
        }
    }

    @Test
    void withoutAnAdminTokenTheDashboardIsOffAndSaysHowToTurnItOn() throws Exception {
        GearboxConfig cfg = ConfigLoader.parse(FLEET.formatted(dir.resolve("off.db")), "t.yaml", k -> null, Gateway.providerKinds())
                .withServer(new ServerConfig("127.0.0.1", 0, 1 << 20));
        Gateway gw = Gateway.start(cfg, new RecentLedger(10)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            String base = "http://127.0.0.1:" + gw.port();
            HttpResponse<String> ui = get(base, "/ui/", null);
            assertThat(ui.statusCode()).isEqualTo(404);
            assertThat(ui.body()).contains("admin_token_env: GEARBOX_ADMIN_TOKEN");
            assertThat(get(base, "/admin/api/overview", TOKEN).statusCode()).isEqualTo(404);
        } finally {
            gw.close();
        }
    }

    @Test
    void aLedgerKeptInMemoryHasNoDashboardData() throws Exception {
        GearboxConfig cfg = ConfigLoader.parse(FLEET.formatted(dir.resolve("m.db")) + "auth: {admin_token_env: T}\n", "t.yaml",
                Map.of("T", TOKEN)::get, Gateway.providerKinds()).withServer(new ServerConfig("127.0.0.1", 0, 1 << 20));
        Gateway gw = Gateway.start(cfg, new RecentLedger(10)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            String base = "http://127.0.0.1:" + gw.port();
            HttpResponse<String> r = get(base, "/admin/api/overview", TOKEN);
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("no_sql_ledger");
            HttpResponse<String> redirect = get(base, "/ui", null);
            assertThat(redirect.statusCode()).isEqualTo(302);
            assertThat(redirect.headers().firstValue("location")).hasValue("/ui/");
            HttpResponse<String> page = get(base, "/ui/", null);
            assertThat(page.statusCode()).isEqualTo(302);
            assertThat(page.headers().firstValue("location")).hasValue("/ui/login.html");
            assertThat(get(base, "/ui/vendor/chart.umd.js", null).body()).contains("Chart.js v4.4.1");
            assertThat(get(base, "/ui/../pom.xml", null).statusCode()).isEqualTo(404);
        } finally {
            gw.close();
        }
    }

    private HttpResponse<String> get(String base, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (token != null) b.header("authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
