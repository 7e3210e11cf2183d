package dev.gearbox.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Traffic for the built-in demo, so that a newcomer's dashboard has something to show: everyday
 * requests (greetings, summaries, translations, code, tool calls, JSON answers, a long document)
 * sent through the gateway's own HTTP API with {@code model: auto}, some anonymous and some from
 * three demo virtual keys it creates through the admin API (a support bot and a search service
 * with budgets, and a batch job whose key is in observe mode, so the observation view fills too).
 * Keys from an earlier demo run are revoked first (their secrets are gone). Bounded: one request
 * per period, stopped with the gateway; never started for a user's own config.
 */
final class DemoTraffic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoTraffic.class);
    /** One request a second: enough for the charts, nothing for the machine. */
    static final long PERIOD_MS = 1000;
    /** Names of the keys the demo creates (and revokes on its next start). */
    static final String KEY_PREFIX = "demo: ";

    record Ask(String tag, String body) {}

    record DemoKey(String name, String json) {}

    static final List<DemoKey> KEYS = List.of(
            new DemoKey("support bot", "{\"team\":\"support\",\"tier\":\"interactive\",\"rpm\":120,\"daily_usd\":0.5,\"monthly_usd\":10}"),
            new DemoKey("search", "{\"team\":\"search\",\"tier\":\"interactive\",\"models\":[\"auto\",\"demo-auto\",\"demo-mid\",\"demo-efficient\"],"
                    + "\"daily_usd\":0.25,\"monthly_usd\":5}"),
            new DemoKey("nightly batch", "{\"team\":\"data\",\"tier\":\"batch\",\"mode\":\"observe\",\"monthly_usd\":20}"));

    static final List<Ask> ASKS = List.of(
            new Ask("chat", chat("Say hello to a new user of our app in one friendly sentence.", false)),
            new Ask("summarize", chat("Summarise in two sentences: The quarterly report shows revenue up 12% on strong subscription "
                    + "growth, while hardware sales fell 4% as supply constraints eased more slowly than expected.", false)),
            new Ask("translate", chat("Translate to French: The meeting has been moved to Thursday at 10am.", false)),
            new Ask("classify", chat("Classify the sentiment of this review as positive, negative or neutral: 'Arrived late, works fine.'", false)),
            new Ask("code-review", chat("Fix the bug and explain it step by step:\n```python\ndef mean(xs):\n    return sum(xs) / len(xs) - 1\n```\n"
                    + "Then write two unit tests for it.", true)),
            new Ask("reasoning", chat("A train leaves at 14:05 and arrives at 17:50 after two stops of 12 minutes each. First work out "
                    + "the total moving time, then the average speed if the distance is 310 km. Show each step.", false)),
            new Ask("extract", "{\"model\":\"auto\",\"response_format\":{\"type\":\"json_object\"},\"messages\":[{\"role\":\"user\",\"content\":"
                    + "\"Extract name and email as JSON: Contact Dana Ruiz at dana.ruiz@example.com about the invoice.\"}]}"),
            new Ask("weather-tool", "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"What's the weather in Lisbon?\"}],"
                    + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Current weather\","
                    + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}]}"),
            new Ask("legal", chat("Our customer in Germany asks whether they can cancel a 24-month contract early under GDPR "
                    + "and consumer law. Draft a careful answer with the legal risks.", false)),
            new Ask("summarize", chat("Summarise this support thread for the on-call engineer: " + "The customer reports intermittent 502 "
                    + "errors from the EU region since the deploy at 09:00; retries usually succeed. ".repeat(40), true)));

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gearbox-demo-traffic");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong sent = new AtomicLong();
    private final Random random = new Random(42);
    private final String baseUrl;
    private final String adminToken;
    private final List<String> secrets = new ArrayList<>();

    DemoTraffic(String baseUrl, String adminToken, long periodMillis) {
        this.baseUrl = baseUrl;
        this.adminToken = adminToken;
        timer.execute(this::createKeys);
        timer.scheduleAtFixedRate(this::send, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Revokes the keys of an earlier demo run and creates this run's. */
    private void createKeys() {
        try {
            JsonNode list = Json.MAPPER.readTree(admin(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/keys")).GET()));
            for (JsonNode k : list.path("data")) {
                if (k.path("name").asText().startsWith(KEY_PREFIX) && k.path("revoked_at").isNull()) {
                    admin(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/keys/" + k.path("id").asText())).DELETE());
                }
            }
            for (DemoKey k : KEYS) {
                String body = "{\"name\":\"" + KEY_PREFIX + k.name() + "\"," + k.json().substring(1);
                JsonNode created = Json.MAPPER.readTree(admin(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/keys"))
                        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))));
                secrets.add(created.path("secret").asText());
            }
        } catch (Exception e) {
            LOG.warn("demo traffic: could not create the demo keys ({}); sending without keys", e.toString());
        }
    }

    private String admin(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(10)).header("authorization", "Bearer " + adminToken).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) throw new IllegalStateException("admin API answered " + r.statusCode());
        return r.body();
    }

    private void send() {
        Ask a = ASKS.get(random.nextInt(ASKS.size()));
        long n = sent.incrementAndGet();
        String body = n % 4 == 0 ? a.body().replaceFirst("\\{", "{\"stream\":true,\"stream_options\":{\"include_usage\":true},") : a.body();
        int who = random.nextInt(10);
        String secret = secrets.size() < KEYS.size() || who < 3 ? null : secrets.get(who < 6 ? 0 : who < 8 ? 1 : 2);
        if (secret != null && who == 6 && n % 5 == 0) body = body.replace("\"model\":\"auto\"", "\"model\":\"smart\""); // search may not: a 403
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json")
                .header("x-gearbox-tag", a.tag())
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) req.header("authorization", "Bearer " + secret);
        http.sendAsync(req.build(), HttpResponse.BodyHandlers.discarding());
    }

    long sent() {
        return sent.get();
    }

    private static String chat(String text, boolean system) {
        String escaped = text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return "{\"model\":\"auto\",\"messages\":[" + (system ? "{\"role\":\"system\",\"content\":\"You are a senior engineer.\"}," : "")
                + "{\"role\":\"user\",\"content\":\"" + escaped + "\"}]}";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
