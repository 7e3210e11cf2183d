package dev.gearbox.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.gearbox.app.Gateway;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.config.ServerConfig;
import dev.gearbox.governance.JdbcKeyStore;
import dev.gearbox.ledger.JdbcLedger;
import dev.gearbox.ledger.Ledgers;
import dev.gearbox.observe.JdbcObservationLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard in a real headless Chromium (the Debian package, driven by Playwright): a gateway
 * on a SQLite ledger takes simulated traffic from three kinds of caller (anonymous, a key with a
 * budget, a key in observe mode), then each page is opened after a login with the admin token, its
 * figures are compared with the ledger queried directly in SQL, and a screenshot is saved under
 * {@code target/screenshots/} (the README's are copies of these).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final String TOKEN = "dashboard-admin-token-0123456789";
    static final Path SHOTS = Path.of("target", "screenshots");
    static final String YAML = """
            providers:
              - {name: sim-frontier, kind: simulated, options: {ttft_ms: 40, tokens_per_second: 4000, output_tokens: 60}}
              - {name: sim-mid, kind: simulated, options: {ttft_ms: 20, tokens_per_second: 6000, output_tokens: 50, error_rate: 0.15}}
              - {name: sim-efficient, kind: simulated, options: {ttft_ms: 5, tokens_per_second: 10000, output_tokens: 40}}
            deployments:
              - {model: demo-frontier, provider: sim-frontier}
              - {model: demo-mid, provider: sim-mid}
              - {model: demo-efficient, provider: sim-efficient}
            routing:
              default: auto
              baseline: demo-frontier
              policies:
                - name: auto
                  type: rules
                  rules:
                    - {name: code, when: {has_code: true}, tier: frontier}
                    - {name: light-tasks, when: {tag: [summarize, classify]}, tier: efficient, fallbacks: [demo-mid]}
                  default: {tier: mid, fallbacks: [demo-frontier]}
                - name: frugal
                  type: rules
                  rules: []
                  default: {tier: efficient}
            observe:
              shadow_policies: [frugal]
              shadow_tests: {sample: 1.0, compare_with: next-tier-up, evaluators: [exact]}
            auth:
              admin_token_env: GEARBOX_ADMIN_TOKEN
            ledger:
              store: sqlite
              path: %s
            """;

    Path dir;
    Gateway gateway;
    JdbcLedger ledger;
    String base;
    String someRequest;
    String observeKey;
    String budgetKey;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Playwright playwright;
    Browser browser;
    Page page;

    @BeforeAll
    void startGatewayAndBrowser() throws Exception {
        boolean ci = System.getenv("CI") != null;
        dir = Files.createTempDirectory("gearbox-dashboard-it");
        if (!ci) Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "needs Debian's chromium (apt-get install chromium chromium-driver)");
        GearboxConfig cfg = ConfigLoader.parse(YAML.formatted(dir.resolve("ledger.db")), "dashboard.yaml",
                Map.of("GEARBOX_ADMIN_TOKEN", TOKEN)::get, Gateway.providerKinds());
        cfg = cfg.withServer(new ServerConfig("127.0.0.1", 0, 1 << 20));
        ledger = (JdbcLedger) Ledgers.open(cfg.ledger());
        gateway = Gateway.start(cfg, ledger, null, new JdbcKeyStore(ledger.store().dataSource()),
                new JdbcObservationLog(ledger.store().dataSource())).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + gateway.port();
        budgetKey = createKey("{\"name\":\"support bot\",\"team\":\"support\",\"daily_usd\":0.5,\"monthly_usd\":10}");
        observeKey = createKey("{\"name\":\"nightly batch\",\"team\":\"data\",\"mode\":\"observe\",\"monthly_usd\":20}");
        drive();
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync")));
        page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1400, 900).setLocale("en-US").setTimezoneId("UTC"));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (playwright != null) playwright.close();
        if (gateway != null) gateway.close();
        if (ledger != null) ledger.close();
    }

    /** 60 requests: tagged light tasks, code, tools, streams; anonymous, with a budget key and with an observe-mode key. */
    private void drive() throws Exception {
        String[] asks = {"Say hello", "Summarise: the meeting moved to Thursday.", "Fix:\\n```py\\nprint(1\\n```", "Classify: great product"};
        String[] tags = {"chat", "summarize", "code-review", "classify"};
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String body = "{\"model\":\"auto\"," + (i % 5 == 0 ? "\"stream\":true,\"stream_options\":{\"include_usage\":true}," : "")
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"" + asks[i % 4] + " #" + i + "\"}]}";
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions")).timeout(Duration.ofSeconds(20))
                    .header("content-type", "application/json").header("x-gearbox-tag", tags[i % 4])
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (i % 3 == 1) b.header("authorization", "Bearer " + budgetKey);
            if (i % 3 == 2) b.header("authorization", "Bearer " + observeKey);
            sent.add(http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (var f : sent) {
            HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            if (someRequest == null && r.headers().firstValue("x-gearbox-attempts").orElse("1").equals("2")) {
                someRequest = r.headers().firstValue("x-gearbox-request-id").orElseThrow();
            }
        }
        if (someRequest == null) someRequest = sent.get(2).get().headers().firstValue("x-gearbox-request-id").orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT COUNT(*) FROM requests") == 60);
        // shadow tests and shadow decisions are written after the answers: wait until they stop growing
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            long now = count("SELECT COUNT(*) FROM shadow_tests") + count("SELECT COUNT(*) FROM shadow_decisions");
            boolean settled = now == last[0] && now > 0;
            last[0] = now;
            return settled;
        });
    }

    private String createKey(String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/keys")).header("authorization", "Bearer " + TOKEN)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(201);
        return new ObjectMapper().readTree(r.body()).path("secret").asText();
    }

    private void open(String hash, String ready) {
        page.navigate(base + "/ui/#" + hash);
        page.waitForSelector("main[data-ready='" + ready + "']");
    }

    private void shot(String name) throws Exception {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    private String text(String testId) {
        return page.locator("[data-testid='" + testId + "']").innerText().trim();
    }

    private double value(String testId) {
        return Double.parseDouble(page.locator("[data-testid='" + testId + "']").getAttribute("data-value"));
    }

    /** A table cell by table, row key (first column) and column key. */
    private Locator cell(String table, String row, String col) {
        return page.locator("table[data-testid='" + table + "'] tr[data-row='" + row + "'] td[data-col='" + col + "']");
    }

    /** The dashboard's money format: $0.0123 under a dollar, $1.23 under a hundred. */
    static String usd(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "$%.0f", v) : Math.abs(v) >= 1 ? String.format(Locale.ROOT, "$%.2f", v)
                : String.format(Locale.ROOT, "$%.4f", v);
    }

    @Test
    void loginIsNeededAndOnlyTheAdminTokenOpensIt() throws Exception {
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/api/overview")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.body()).contains("invalid_api_key");
        page.context().clearCookies();
        page.navigate(base + "/ui");
        assertThat(page.url()).endsWith("/ui/login.html");
        page.fill("#token", "not-the-admin-token-at-all");
        page.click("#signin");
        page.waitForSelector("#failed:not([hidden])");
        shot("login");
        login();
        assertThat(page.url()).endsWith("/ui/");
    }

    private void login() {
        page.navigate(base + "/ui/login.html");
        page.fill("#token", TOKEN);
        page.click("#signin");
        page.waitForSelector("main[data-ready='overview']");
    }

    @Test
    void overviewShowsTheLedgersRequestsSpendAndSavings() throws Exception {
        login();
        open("overview", "overview");
        long n = count("SELECT COUNT(*) FROM requests");
        double cost = sum("SELECT SUM(cost_usd) FROM requests");
        double saved = sum("SELECT SUM(CASE WHEN baseline_cost_usd IS NULL THEN 0 ELSE baseline_cost_usd - cost_usd END) FROM requests");
        double base = sum("SELECT SUM(CASE WHEN baseline_cost_usd IS NULL THEN 0 ELSE baseline_cost_usd END) FROM requests");
        double fallbacks = count("SELECT COUNT(*) FROM requests WHERE fallback = 1") / (double) n;
        assertThat(text("requests")).isEqualTo(Long.toString(n));
        assertThat(value("spend")).isCloseTo(cost, within(1e-9));
        assertThat(text("spend")).isEqualTo(usd(cost));
        assertThat(text("savings")).isEqualTo(usd(saved));
        assertThat(text("savings-sub")).isEqualTo(String.format(Locale.ROOT, "%.1f%% of the baseline", 100 * saved / base));
        assertThat(saved).isPositive();
        assertThat(value("fallback-rate")).isCloseTo(fallbacks, within(1e-9));
        assertThat(page.locator("canvas#mix").boundingBox().height).isGreaterThan(50);
        shot("overview");
    }

    @Test
    void routesAndModelsShowLatencyCostQualityAndBreakers() throws Exception {
        login();
        open("routes", "routes");
        for (String model : strings("SELECT DISTINCT served_model FROM requests")) {
            assertThat(cell("models", model, "requests").innerText()).isEqualTo(Long.toString(
                    count("SELECT COUNT(*) FROM requests WHERE served_model = '" + model + "'")));
            assertThat(Double.parseDouble(cell("models", model, "cost_per_request_usd").getAttribute("data-value"))).isCloseTo(
                    sum("SELECT AVG(cost_usd) FROM requests WHERE served_model = '" + model + "'"), within(1e-12));
        }
        double quality = sum("SELECT AVG(score) FROM shadow_tests WHERE served_model = 'demo-mid'");
        assertThat(Double.parseDouble(cell("models", "demo-mid", "quality").getAttribute("data-value"))).isCloseTo(quality, within(1e-9));
        assertThat(cell("routes", "auto", "requests").innerText()).isEqualTo(Long.toString(count("SELECT COUNT(*) FROM requests WHERE route = 'auto'")));
        assertThat(page.locator("table[data-testid='breakers'] tbody tr[data-row]").count()).isEqualTo(3);
        // sorting: a click on Requests orders the models by it, descending
        page.locator("table[data-testid='models'] th", new Page.LocatorOptions().setHasText("Requests")).click();
        List<String> shown = page.locator("table[data-testid='models'] td[data-col='requests']").allInnerTexts();
        assertThat(shown.stream().map(Long::parseLong).toList()).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        shot("routes");
    }

    @Test
    void decisionsSearchByRequestIdOpensTheWholeStory() throws Exception {
        login();
        open("decisions", "decisions");
        assertThat(page.locator("table[data-testid='decisions'] tbody tr").count()).isEqualTo(60);
        shot("decisions");
        page.fill("[data-testid='search-q']", someRequest);
        page.click("[data-testid='search-go']");
        page.waitForSelector("table[data-testid='decisions'] tr[data-row]:only-child");
        page.locator("a[href='#request/" + someRequest + "']").click();
        page.waitForSelector("main[data-ready='request']");
        assertThat(text("request-id")).isEqualTo(someRequest);
        assertThat(text("served-model")).isEqualTo(string("SELECT served_model FROM requests WHERE request_id = '" + someRequest + "'"));
        JsonNode detail = new ObjectMapper().readTree(string("SELECT detail FROM requests WHERE request_id = '" + someRequest + "'"));
        assertThat(page.locator("table[data-testid='attempts'] tbody tr[data-row]").count()).isEqualTo(detail.path("attempts").size());
        assertThat(page.locator("table[data-testid='candidates'] tbody tr").count())
                .isEqualTo(Math.max(1, detail.at("/decision/candidates").size()));
        assertThat(text("reason")).isEqualTo(string("SELECT reason FROM requests WHERE request_id = '" + someRequest + "'"));
        shot("request");
    }

    @Test
    void observationShowsWouldRouteProjectedSavingsQualityAndShadows() throws Exception {
        login();
        open("observation", "observation");
        long observed = count("SELECT COUNT(*) FROM requests WHERE mode = 'observe'");
        assertThat(observed).isEqualTo(20);
        assertThat(text("observed")).isEqualTo(Long.toString(observed));
        double projected = sum("SELECT SUM(cost_usd - projected_cost_usd) FROM requests WHERE mode = 'observe' AND projected_cost_usd IS NOT NULL");
        assertThat(value("projected-savings")).isCloseTo(projected, within(1e-9));
        assertThat(cell("shadows", "frugal", "requests").innerText()).isEqualTo(Long.toString(
                count("SELECT COUNT(*) FROM shadow_decisions WHERE policy = 'frugal'")));
        assertThat(Double.parseDouble(cell("shadows", "frugal", "divergence").getAttribute("data-value"))).isCloseTo(
                sum("SELECT AVG(diverges * 1.0) FROM shadow_decisions WHERE policy = 'frugal'"), within(1e-9));
        assertThat(page.locator("table[data-testid='quality'] tbody tr[data-row]").count()).isPositive();
        shot("observation");
    }

    @Test
    void keysShowSpendAgainstBudgets() throws Exception {
        login();
        open("keys", "keys");
        String id = string("SELECT id FROM virtual_keys WHERE name = 'support bot'");
        double spent = sum("SELECT SUM(cost_usd) FROM requests WHERE key_id = '" + id + "'");
        assertThat(spent).isPositive();
        Locator today = page.locator("table[data-testid='keys'] tr[data-row='support bot'] td[data-col='spent_today_usd']");
        assertThat(Double.parseDouble(today.getAttribute("data-value"))).isCloseTo(spent, within(1e-12));
        assertThat(today.innerText()).startsWith(usd(spent) + " of $0.50");
        assertThat(cell("teams", "data", "spent_month_usd").innerText()).startsWith(usd(sum("SELECT SUM(cost_usd) FROM requests WHERE team = 'data'")));
        shot("keys");
    }

    /**
     * The newcomer's path: {@code gearbox serve} with no config (its own JVM, in an empty folder)
     * prints the dashboard's address and a token; signing in with them shows the demo traffic's
     * requests, savings and decisions.
     */
    @Test
    void theDemoPrintsWhereToSignInAndItsTrafficFillsTheDashboard() throws Exception {
        Path work = Files.createTempDirectory("gearbox-demo-it");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx384m", "-cp", System.getProperty("java.class.path"), "dev.gearbox.app.Main", "serve",
                "--port", Integer.toString(port)).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().remove("GEARBOX_ADMIN_TOKEN");
        // a newcomer's fresh machine: no provider keys (CI plants some to check they never leak; with one set, the demo
        // adds that real provider and starts in observe mode, which serves the baseline and saves nothing)
        for (String key : List.of("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY")) pb.environment().remove(key);
        Process serve = pb.start();
        StringBuilder log = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(serve.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            java.util.regex.Pattern printed = java.util.regex.Pattern.compile("Dashboard: (http://\\S+/ui/) +admin token for this run: (\\S+)");
            java.util.regex.Matcher[] m = new java.util.regex.Matcher[1];
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                synchronized (log) {
                    m[0] = printed.matcher(log);
                    return m[0].find();
                }
            });
            String ui = m[0].group(1);
            String token = m[0].group(2);
            assertThat(ui).isEqualTo("http://127.0.0.1:" + port + "/ui/");
            // a request a second: wait for some of each kind (an observed one from the batch key among them)
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(ui.replace("/ui/", "/admin/api/observation")))
                        .header("authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200 || new ObjectMapper().readTree(r.body()).path("observed_requests").asLong() < 1) return false;
                // and as many requests, and a saving, recorded as the pages below are asked to show
                HttpResponse<String> o = http.send(HttpRequest.newBuilder(URI.create(ui.replace("/ui/", "/admin/api/overview")))
                        .header("authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                if (o.statusCode() != 200) return false;
                JsonNode totals = new ObjectMapper().readTree(o.body()).path("totals");
                return totals.path("requests").asLong() >= 5 && totals.path("savings_usd").asDouble() > 0;
            });
            Page demo = browser.newPage(new Browser.NewPageOptions().setViewportSize(1400, 900).setLocale("en-US").setTimezoneId("UTC"));
            demo.navigate(ui);
            demo.fill("#token", token);
            demo.click("#signin");
            demo.waitForSelector("main[data-ready='overview']");
            assertThat(Long.parseLong(demo.locator("[data-testid='requests']").getAttribute("data-value"))).isGreaterThanOrEqualTo(5);
            assertThat(Double.parseDouble(demo.locator("[data-testid='savings']").getAttribute("data-value"))).isPositive();
            demo.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("demo-overview.png")).setFullPage(true));
            demo.navigate(ui + "#decisions");
            demo.waitForSelector("main[data-ready='decisions']");
            assertThat(demo.locator("table[data-testid='decisions'] tbody tr[data-row]").count()).isGreaterThanOrEqualTo(5);
            demo.navigate(ui + "#keys");
            demo.waitForSelector("main[data-ready='keys']");
            assertThat(demo.locator("table[data-testid='keys'] tbody tr[data-row]").allInnerTexts())
                    .anySatisfy(row -> assertThat(row).startsWith("demo: nightly batch"));
            demo.close();
        } finally {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = ledger.store().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private double sum(String sql) throws Exception {
        try (Connection c = ledger.store().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    private String string(String sql) throws Exception {
        try (Connection c = ledger.store().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private List<String> strings(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = ledger.store().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
