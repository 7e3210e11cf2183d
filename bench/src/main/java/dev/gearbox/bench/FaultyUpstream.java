package dev.gearbox.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mock OpenAI upstream that fails a configured share of its calls in mixed ways, for the soak
 * run (bench/soak.sh): 429 with {@code Retry-After} (1 s; {@code retry-after-ms} 200, as OpenAI sends), 500, 503, a connection reset before any
 * answer, a first byte later than the gateway's {@code first_byte_ms}, and a connection dropped
 * half-way through a stream or a body. The rest answer like {@link MockUpstream}. {@code GET /stats}
 * returns the calls per outcome as JSON, so the soak report can say which faults were injected.
 *
 * <p>Usage: {@code FaultyUpstream PORT MIX [chunks=20] [gapMs=10] [slowMs=1500] [seed=11]} where MIX
 * is {@code kind:share,...} over the kinds {@code 429, 500, 503, reset, slow, drop}, e.g.
 * {@code 429:0.03,500:0.03,503:0.03,reset:0.02,slow:0.02,drop:0.02}.
 */
public final class FaultyUpstream {
    static final String[] KINDS = {"429", "500", "503", "reset", "slow", "drop"};
    static final String ERROR = "{\"error\":{\"message\":\"injected by the soak's upstream\",\"type\":\"server_error\",\"code\":null}}";
    static final String RATE_LIMITED = "{\"error\":{\"message\":\"injected rate limit\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}";

    private final Vertx vertx;
    private final double[] shares = new double[KINDS.length];
    private final int chunks;
    private final long gapMs;
    private final long slowMs;
    private final SplittableRandom random;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    FaultyUpstream(Vertx vertx, String mix, int chunks, long gapMs, long slowMs, long seed) {
        this.vertx = vertx;
        this.chunks = chunks;
        this.gapMs = gapMs;
        this.slowMs = slowMs;
        this.random = new SplittableRandom(seed);
        for (String part : mix.split(",")) {
            if (part.isBlank()) continue;
            String[] kv = part.split(":", 2);
            int i = java.util.Arrays.asList(KINDS).indexOf(kv[0].trim());
            if (i < 0) throw new IllegalArgumentException("unknown fault " + kv[0] + "; use " + String.join(", ", KINDS));
            shares[i] = Double.parseDouble(kv[1].trim());
        }
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String mix = args[1];
        int chunks = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        long gapMs = args.length > 3 ? Long.parseLong(args[3]) : 10;
        long slowMs = args.length > 4 ? Long.parseLong(args[4]) : 1500;
        long seed = args.length > 5 ? Long.parseLong(args[5]) : 11;
        // one event loop: the random source and the counters are touched from it only
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        FaultyUpstream up = new FaultyUpstream(vertx, mix, chunks, gapMs, slowMs, seed);
        vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
                .requestHandler(up::handle)
                .listen(port, "127.0.0.1")
                .onSuccess(s -> System.out.println("faulty upstream on 127.0.0.1:" + s.actualPort() + " mix " + mix))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }

    private String pick() {
        double x = random.nextDouble();
        double acc = 0;
        for (int i = 0; i < KINDS.length; i++) {
            acc += shares[i];
            if (x < acc) return KINDS[i];
        }
        return "ok";
    }

    private void handle(HttpServerRequest req) {
        if (req.path().endsWith("/stats")) {
            Map<String, Object> out = new LinkedHashMap<>();
            counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.put(e.getKey(), e.getValue().get()));
            req.response().putHeader("content-type", "application/json").end(Json.write(out));
            return;
        }
        req.body().onSuccess(body -> {
            boolean stream = MockUpstream.indexOf(body, "\"stream\":true") >= 0;
            String kind = pick();
            counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
            HttpServerResponse resp = req.response();
            switch (kind) {
                case "429" -> resp.setStatusCode(429).putHeader("retry-after", "1").putHeader("retry-after-ms", "200")
                        .putHeader("content-type", "application/json").end(RATE_LIMITED);
                case "500" -> resp.setStatusCode(500).putHeader("content-type", "application/json").end(ERROR);
                case "503" -> resp.setStatusCode(503).putHeader("content-type", "application/json").end(ERROR);
                case "reset" -> req.connection().close();
                case "slow" -> vertx.setTimer(slowMs, t -> answer(resp, stream, false));
                case "drop" -> answer(resp, stream, true);
                default -> answer(resp, stream, false);
            }
        });
    }

    private void answer(HttpServerResponse resp, boolean stream, boolean drop) {
        if (resp.closed()) return;
        if (!stream) {
            Buffer body = MockUpstream.COMPLETION;
            if (!drop) {
                resp.putHeader("content-type", "application/json").end(body);
                return;
            }
            resp.putHeader("content-type", "application/json").putHeader("content-length", Integer.toString(body.length()));
            resp.write(body.slice(0, body.length() / 2));
            resp.reset();
            return;
        }
        resp.setChunked(true).putHeader("content-type", "text/event-stream");
        resp.write("data: {\"id\":\"chatcmpl-soak\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"finish_reason\":null}]}\n\n");
        sendChunk(resp, 0, drop ? chunks / 2 : -1);
    }

    private void sendChunk(HttpServerResponse resp, int sent, int dropAt) {
        if (resp.closed()) return;
        if (sent == dropAt) {
            resp.reset();
            return;
        }
        if (sent < chunks) {
            resp.write("data: {\"id\":\"chatcmpl-soak\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                    + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"token \"},\"finish_reason\":null}]}\n\n");
            vertx.setTimer(Math.max(1, gapMs), t -> sendChunk(resp, sent + 1, dropAt));
            return;
        }
        resp.write("data: {\"id\":\"chatcmpl-soak\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":" + chunks + ",\"total_tokens\":" + (24 + chunks) + "}}\n\n");
        resp.end("data: [DONE]\n\n");
    }
}
