package dev.gearbox.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The benchmark's load generator, printing one JSON object on stdout.
 *
 * <ul>
 *   <li>{@code latency URL RATE SECONDS WARMUP_SECONDS [-H name:value ...]}: open loop. Request i is
 *       due at {@code start + i / RATE}; it is sent then whatever happened to earlier ones, and its
 *       latency is measured from when it was due, not from when it went out, so a stall shows up in
 *       every request it delayed (no coordinated omission). Recorded in an HdrHistogram.</li>
 *   <li>{@code stream URL COUNT [-H name:value ...]}: COUNT streamed requests one after another; time
 *       to the first body byte and to the end of the stream, medians and p90.</li>
 * </ul>
 * Both are bounded: a run ends after its duration or count plus a fixed drain timeout.
 *
 * <p>With {@code --direct DIRECT_URL}, each request (or stream) also goes to the upstream directly at the
 * same moment (latency; in alternating order) or right before or after it (streams, alternating),
 * and the output adds the direct call's figures and {@code added_*} = proxy minus direct from the
 * same seconds. On a shared machine whose own latency drifts by a millisecond from one minute to the
 * next, only such a paired difference says what the proxy adds.
 */
public final class LoadGen {
    static final long DRAIN_TIMEOUT_S = 15;

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        URI url = URI.create(args[1]);
        Map<String, String> headers = headers(args);
        URI direct = null;
        for (int i = 0; i < args.length - 1; i++) if (args[i].equals("--direct")) direct = URI.create(args[i + 1]);
        String model = headers.getOrDefault("x-bench-model", "gpt-4o-mini");
        headers.remove("x-bench-model");
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setDefaultHost(url.getHost()).setDefaultPort(url.getPort()), new PoolOptions().setHttp1MaxSize(512));
        try {
            String out = switch (mode) {
                case "latency" -> latency(vertx, client, url, direct, headers, model, Integer.parseInt(args[2]),
                        Integer.parseInt(args[3]), Integer.parseInt(args[4]));
                case "stream" -> stream(client, url, direct, headers, model, Integer.parseInt(args[2]));
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            };
            System.out.println(out);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    static Buffer body(String model, boolean stream) {
        return Buffer.buffer("{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},"
                + "{\"role\":\"user\",\"content\":\"Summarise in one sentence why the sky is blue.\"}]}");
    }

    static RequestOptions options(URI url, Map<String, String> headers) {
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setURI(url.getRawPath())
                .setHost(url.getHost()).setPort(url.getPort())
                .putHeader("content-type", "application/json").putHeader("authorization", "Bearer sk-bench");
        headers.forEach(o::putHeader);
        return o;
    }

    static String latency(Vertx vertx, HttpClient client, URI url, URI direct, Map<String, String> headers, String model,
                          int rate, int seconds, int warmup) throws InterruptedException {
        Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Histogram hd = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Buffer body = body(model, false);
        Buffer directBody = body("gpt-4o-mini", false);
        RequestOptions opts = options(url, headers);
        RequestOptions directOpts = direct == null ? null : options(direct, Map.of());
        int perTick = direct == null ? 1 : 2;
        long total = (long) rate * (seconds + warmup);
        long warm = (long) rate * warmup;
        AtomicLong ok = new AtomicLong(), errors = new AtomicLong(), directErrors = new AtomicLong(), done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(1);
        long start = System.nanoTime() + 50_000_000L;
        double interval = 1e9 / rate;
        long[] sent = {0};
        vertx.setPeriodic(1, 1, id -> {
            long now = System.nanoTime();
            while (sent[0] < total) {
                long i = sent[0];
                long due = start + (long) (i * interval);
                if (due > now) break;
                sent[0]++;
                for (int k = 0; k < perTick; k++) {
                    boolean toDirect = direct != null && (k + i) % 2 == 0; // alternate which goes first
                    Histogram into = toDirect ? hd : h;
                    client.request(toDirect ? directOpts : opts).compose(r -> r.send(toDirect ? directBody : body))
                            .compose(resp -> resp.body().map(b -> resp.statusCode()))
                            .onComplete(ar -> {
                                long lat = System.nanoTime() - due;
                                if (ar.succeeded() && ar.result() == 200) {
                                    if (i >= warm) {
                                        into.recordValue(Math.max(1, lat / 1000));
                                        if (!toDirect) ok.incrementAndGet();
                                    }
                                } else {
                                    (toDirect ? directErrors : errors).incrementAndGet();
                                }
                                if (done.incrementAndGet() == total * perTick) finished.countDown();
                            });
                }
            }
            if (sent[0] >= total) vertx.cancelTimer(id);
        });
        boolean complete = finished.await(seconds + warmup + DRAIN_TIMEOUT_S, TimeUnit.SECONDS);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("mode", "latency");
        r.put("rate", rate);
        r.put("seconds", seconds);
        r.put("ok", ok.get());
        r.put("errors", errors.get() + (complete ? 0 : total * perTick - done.get()));
        putPercentiles(r, "", h);
        if (direct != null) {
            r.put("direct_errors", directErrors.get());
            putPercentiles(r, "direct_", hd);
            for (String f : List.of("p50_ms", "p99_ms", "p999_ms")) {
                r.put("added_" + f, Math.round(((double) r.get(f) - (double) r.get("direct_" + f)) * 1000) / 1000.0);
            }
        }
        return Json.write(r);
    }

    private static void putPercentiles(Map<String, Object> r, String prefix, Histogram h) {
        r.put(prefix + "p50_ms", h.getValueAtPercentile(50) / 1000.0);
        r.put(prefix + "p99_ms", h.getValueAtPercentile(99) / 1000.0);
        r.put(prefix + "p999_ms", h.getValueAtPercentile(99.9) / 1000.0);
        r.put(prefix + "max_ms", h.getMaxValue() / 1000.0);
    }

    /**
     * The first SSE event that carries text: OpenAI streams (and the mock) open with a role chunk whose
     * content is empty, and a gateway that keeps its fallbacks open until real content arrives (Gearbox)
     * sends its first byte with the first token, so time to first token compares proxies like for like.
     */
    static final java.util.regex.Pattern FIRST_TOKEN = java.util.regex.Pattern.compile("\"content\":\"[^\"]");

    /** Timings of one streamed request, or null when it failed. */
    private record StreamTiming(long ttfbMicros, long ttftMicros, long totalMicros, int bytes) {}

    static String stream(HttpClient client, URI url, URI direct, Map<String, String> headers, String model, int count)
            throws Exception {
        Histogram ttfb = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Histogram ttft = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Histogram total = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Histogram dTtfb = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Histogram dTtft = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Histogram dTotal = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Buffer body = body(model, true);
        Buffer directBody = body("gpt-4o-mini", true);
        RequestOptions opts = options(url, headers);
        RequestOptions directOpts = direct == null ? null : options(direct, Map.of());
        long errors = 0;
        List<Integer> bytes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean directFirst = direct != null && i % 2 == 0; // alternate, so a drift hits both alike
            if (directFirst) record(streamOnce(client, directOpts, directBody), i, dTtfb, dTtft, dTotal);
            StreamTiming t = streamOnce(client, opts, body);
            if (t == null) {
                errors++;
            } else {
                record(t, i, ttfb, ttft, total);
                bytes.add(t.bytes());
            }
            if (direct != null && !directFirst) record(streamOnce(client, directOpts, directBody), i, dTtfb, dTtft, dTotal);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("mode", "stream");
        r.put("count", count);
        r.put("errors", errors);
        r.put("ttfb_p50_ms", ttfb.getValueAtPercentile(50) / 1000.0);
        r.put("ttfb_p90_ms", ttfb.getValueAtPercentile(90) / 1000.0);
        r.put("ttft_p50_ms", ttft.getValueAtPercentile(50) / 1000.0);
        r.put("total_p50_ms", total.getValueAtPercentile(50) / 1000.0);
        r.put("total_p90_ms", total.getValueAtPercentile(90) / 1000.0);
        r.put("bytes_p50", bytes.isEmpty() ? 0 : bytes.stream().sorted().toList().get(bytes.size() / 2));
        if (direct != null) {
            r.put("direct_ttfb_p50_ms", dTtfb.getValueAtPercentile(50) / 1000.0);
            r.put("direct_ttft_p50_ms", dTtft.getValueAtPercentile(50) / 1000.0);
            r.put("direct_total_p50_ms", dTotal.getValueAtPercentile(50) / 1000.0);
            for (String f : List.of("ttfb_p50_ms", "ttft_p50_ms", "total_p50_ms")) {
                r.put("added_" + f, Math.round(((double) r.get(f) - (double) r.get("direct_" + f)) * 1000) / 1000.0);
            }
        }
        return Json.write(r);
    }

    private static void record(StreamTiming t, int i, Histogram ttfb, Histogram ttft, Histogram total) {
        if (t == null || i == 0) return; // the first one warms the connection
        ttfb.recordValue(Math.max(1, t.ttfbMicros()));
        ttft.recordValue(Math.max(1, t.ttftMicros()));
        total.recordValue(Math.max(1, t.totalMicros()));
    }

    private static StreamTiming streamOnce(HttpClient client, RequestOptions opts, Buffer body) throws InterruptedException {
        long t0 = System.nanoTime();
        long[] first = {0};
        long[] firstToken = {0};
        StringBuilder head = new StringBuilder();
        CountDownLatch end = new CountDownLatch(1);
        int[] status = {0};
        int[] size = {0};
        client.request(opts).compose(r -> r.send(body)).onComplete(ar -> {
            if (ar.failed()) {
                end.countDown();
                return;
            }
            var resp = ar.result();
            status[0] = resp.statusCode();
            resp.handler(b -> {
                long now = System.nanoTime();
                if (first[0] == 0) first[0] = now;
                if (firstToken[0] == 0) {
                    head.append(b.toString(java.nio.charset.StandardCharsets.UTF_8));
                    if (FIRST_TOKEN.matcher(head).find()) firstToken[0] = now;
                }
                size[0] += b.length();
            });
            resp.endHandler(v -> end.countDown());
            resp.exceptionHandler(e -> end.countDown());
        });
        boolean ended = end.await(DRAIN_TIMEOUT_S, TimeUnit.SECONDS);
        long t1 = System.nanoTime();
        if (!ended || status[0] != 200 || first[0] == 0 || firstToken[0] == 0) return null;
        return new StreamTiming((first[0] - t0) / 1000, (firstToken[0] - t0) / 1000, (t1 - t0) / 1000, size[0]);
    }

    static Map<String, String> headers(String[] args) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("-H")) {
                String[] kv = args[i + 1].split(":", 2);
                h.put(kv[0].trim().toLowerCase(), kv[1].trim());
            }
        }
        return h;
    }
}
