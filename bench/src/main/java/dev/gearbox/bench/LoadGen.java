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
 */
public final class LoadGen {
    static final long DRAIN_TIMEOUT_S = 15;

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        URI url = URI.create(args[1]);
        Map<String, String> headers = headers(args);
        String model = headers.getOrDefault("x-bench-model", "gpt-4o-mini");
        headers.remove("x-bench-model");
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setDefaultHost(url.getHost()).setDefaultPort(url.getPort()), new PoolOptions().setHttp1MaxSize(512));
        try {
            String out = switch (mode) {
                case "latency" -> latency(vertx, client, url, headers, model, Integer.parseInt(args[2]),
                        Integer.parseInt(args[3]), Integer.parseInt(args[4]));
                case "stream" -> stream(client, url, headers, model, Integer.parseInt(args[2]));
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

    static String latency(Vertx vertx, HttpClient client, URI url, Map<String, String> headers, String model,
                          int rate, int seconds, int warmup) throws InterruptedException {
        Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Buffer body = body(model, false);
        RequestOptions opts = options(url, headers);
        long total = (long) rate * (seconds + warmup);
        long warm = (long) rate * warmup;
        AtomicLong ok = new AtomicLong(), errors = new AtomicLong(), done = new AtomicLong();
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
                client.request(opts).compose(r -> r.send(body)).compose(resp -> resp.body().map(b -> resp.statusCode()))
                        .onComplete(ar -> {
                            long lat = System.nanoTime() - due;
                            if (ar.succeeded() && ar.result() == 200) {
                                if (i >= warm) {
                                    h.recordValue(Math.max(1, lat / 1000));
                                    ok.incrementAndGet();
                                }
                            } else {
                                errors.incrementAndGet();
                            }
                            if (done.incrementAndGet() == total) finished.countDown();
                        });
            }
            if (sent[0] >= total) vertx.cancelTimer(id);
        });
        boolean complete = finished.await(seconds + warmup + DRAIN_TIMEOUT_S, TimeUnit.SECONDS);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("mode", "latency");
        r.put("rate", rate);
        r.put("seconds", seconds);
        r.put("ok", ok.get());
        r.put("errors", errors.get() + (complete ? 0 : total - done.get()));
        r.put("p50_ms", h.getValueAtPercentile(50) / 1000.0);
        r.put("p99_ms", h.getValueAtPercentile(99) / 1000.0);
        r.put("p999_ms", h.getValueAtPercentile(99.9) / 1000.0);
        r.put("max_ms", h.getMaxValue() / 1000.0);
        return Json.write(r);
    }

    /**
     * The first SSE event that carries text: OpenAI streams (and the mock) open with a role chunk whose
     * content is empty, and a gateway that keeps its fallbacks open until real content arrives (Gearbox)
     * sends its first byte with the first token, so time to first token compares proxies like for like.
     */
    static final java.util.regex.Pattern FIRST_TOKEN = java.util.regex.Pattern.compile("\"content\":\"[^\"]");

    static String stream(HttpClient client, URI url, Map<String, String> headers, String model, int count)
            throws Exception {
        Histogram ttfb = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Histogram ttft = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Histogram total = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Buffer body = body(model, true);
        RequestOptions opts = options(url, headers);
        long errors = 0;
        List<Integer> bytes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
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
            if (!ended || status[0] != 200 || first[0] == 0 || firstToken[0] == 0) {
                errors++;
                continue;
            }
            if (i > 0) { // the first one warms the connection
                ttfb.recordValue(Math.max(1, (first[0] - t0) / 1000));
                ttft.recordValue(Math.max(1, (firstToken[0] - t0) / 1000));
                total.recordValue(Math.max(1, (t1 - t0) / 1000));
            }
            bytes.add(size[0]);
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
        return Json.write(r);
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
