package dev.gearbox.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Traffic for the built-in demo, so that a newcomer's dashboard has something to show: a mix of
 * everyday requests (greetings, summaries, translations, code, tool calls, JSON answers, a long
 * document) sent through the gateway's own HTTP API with {@code model: auto}, tagged
 * {@code x-gearbox-tag: demo-...} so they are recognisable in the ledger. Bounded: one request
 * per {@code periodMillis} (default 1 s), stopped with the gateway. Off with
 * {@code serve --no-demo-traffic}, and never started for a user's own config.
 */
final class DemoTraffic implements AutoCloseable {
    record Ask(String tag, String body) {}

    static final List<Ask> ASKS = List.of(
            new Ask("demo-chat", chat("Say hello to a new user of our app in one friendly sentence.", false)),
            new Ask("summarize", chat("Summarise in two sentences: The quarterly report shows revenue up 12% on strong subscription "
                    + "growth, while hardware sales fell 4% as supply constraints eased more slowly than expected.", false)),
            new Ask("translate", chat("Translate to French: The meeting has been moved to Thursday at 10am.", false)),
            new Ask("classify", chat("Classify the sentiment of this review as positive, negative or neutral: 'Arrived late, works fine.'", false)),
            new Ask("demo-code", chat("Fix the bug and explain it step by step:\n```python\ndef mean(xs):\n    return sum(xs) / len(xs) - 1\n```\n"
                    + "Then write two unit tests for it.", true)),
            new Ask("demo-reasoning", chat("A train leaves at 14:05 and arrives at 17:50 after two stops of 12 minutes each. First work out "
                    + "the total moving time, then the average speed if the distance is 310 km. Show each step.", false)),
            new Ask("extract", "{\"model\":\"auto\",\"response_format\":{\"type\":\"json_object\"},\"messages\":[{\"role\":\"user\",\"content\":"
                    + "\"Extract name and email as JSON: Contact Dana Ruiz at dana.ruiz@example.com about the invoice.\"}]}"),
            new Ask("demo-tools", "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"What's the weather in Lisbon?\"}],"
                    + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Current weather\","
                    + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}]}"),
            new Ask("demo-legal", chat("Our customer in Germany asks whether they can cancel a 24-month contract early under GDPR "
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

    DemoTraffic(String baseUrl, long periodMillis) {
        timer.scheduleAtFixedRate(() -> send(baseUrl), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void send(String baseUrl) {
        Ask a = ASKS.get(random.nextInt(ASKS.size()));
        long n = sent.incrementAndGet();
        String body = n % 4 == 0 ? a.body().replaceFirst("\\{", "{\"stream\":true,") : a.body();
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json")
                .header("x-gearbox-tag", a.tag())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(req, HttpResponse.BodyHandlers.discarding());
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
