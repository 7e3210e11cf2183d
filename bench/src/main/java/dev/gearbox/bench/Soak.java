package dev.gearbox.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak driver: a steady open-loop rate of chat requests (a share of them streamed) for a fixed
 * time, with the gateway process sampled every {@code SAMPLE} seconds ({@link ProcessSample}) and
 * the client's outcomes counted. Writes {@code samples.csv} and {@code client.json} to OUT; the
 * verdict (flat or not) is {@link SoakVerdict}'s. Bounded: it sends {@code rate * seconds} requests,
 * then waits at most {@link #DRAIN_S} seconds for the last answers.
 *
 * <p>Usage: {@code Soak URL PID RATE SECONDS STREAM_SHARE SAMPLE_S GC_LOG OUT}
 */
public final class Soak {
    static final long DRAIN_S = 60;
    static final long REQUEST_TIMEOUT_MS = 60_000;

    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        long pid = Long.parseLong(args[1]);
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        double streamShare = Double.parseDouble(args[4]);
        int sampleS = Integer.parseInt(args[5]);
        Path gcLog = Path.of(args[6]);
        Path out = Path.of(args[7]);
        new Soak().run(url, pid, rate, seconds, streamShare, sampleS, gcLog, out);
        System.exit(0);
    }

    void run(URI url, long pid, int rate, int seconds, double streamShare, int sampleS, Path gcLog, Path out) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(512));
        java.net.http.HttpClient probe = java.net.http.HttpClient.newHttpClient();
        URI metrics = url.resolve("/metrics");
        RequestOptions opts = new RequestOptions().setMethod(io.vertx.core.http.HttpMethod.POST).setURI(url.getRawPath())
                .setHost(url.getHost()).setPort(url.getPort()).setIdleTimeout(REQUEST_TIMEOUT_MS)
                .putHeader("content-type", "application/json");
        Buffer plain = LoadGen.body("auto", false);
        Buffer streamed = Buffer.buffer(LoadGen.body("auto", true).toString()
                .replace("\"stream\":true", "\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
        long total = (long) rate * seconds;
        // every k-th request is streamed: an even spread, the same each run
        long streamEvery = streamShare <= 0 ? Long.MAX_VALUE : Math.max(1, Math.round(1 / streamShare));
        long start = System.nanoTime() + 50_000_000L;
        double interval = 1e9 / rate;
        vertx.setPeriodic(1, 1, id -> {
            long now = System.nanoTime();
            while (sent.get() < total) {
                long i = sent.get();
                if (start + (long) (i * interval) > now) break;
                sent.incrementAndGet();
                boolean stream = i % streamEvery == streamEvery - 1;
                send(client, opts, stream ? streamed : plain, stream);
            }
            if (sent.get() >= total) vertx.cancelTimer(id);
        });

        List<String> rows = new ArrayList<>();
        rows.add("t_s,heap_after_gc_mb,heap_committed_mb,rss_mb,fds,threads,ledger_queue,ledger_written,ledger_dropped,"
                + "sent,answered,in_flight,ok,stream_ok,stream_error,non_200,no_response");
        long t0 = System.nanoTime();
        long samples = seconds / sampleS;
        for (long k = 0; k <= samples; k++) {
            long due = t0 + TimeUnit.SECONDS.toNanos(k * sampleS);
            long wait = due - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
            rows.add(row((System.nanoTime() - t0) / 1e9, ProcessSample.take(pid, gcLog, metrics, probe)));
            Files.write(out.resolve("samples.csv"), rows);
            System.out.println(rows.get(rows.size() - 1));
        }
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_S);
        while (finished.get() < total && System.nanoTime() < drainUntil) TimeUnit.MILLISECONDS.sleep(100);
        // the ledger writes off the response path: let its queue empty before the last look
        long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        ProcessSample last = ProcessSample.take(pid, gcLog, metrics, probe);
        while (last.ledgerQueue() > 0 && System.nanoTime() < settle) {
            TimeUnit.MILLISECONDS.sleep(200);
            last = ProcessSample.take(pid, gcLog, metrics, probe);
        }
        rows.add(row((System.nanoTime() - t0) / 1e9, last));
        Files.write(out.resolve("samples.csv"), rows);
        writeClient(out.resolve("client.json"), rate, seconds, streamShare, total);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private void send(HttpClient client, RequestOptions opts, Buffer body, boolean stream) {
        client.request(opts).compose(r -> r.send(body)).compose(resp -> {
            answered.incrementAndGet();
            return resp.body().map(b -> classify(resp.statusCode(), stream, b));
        }).onComplete(ar -> {
            count(ar.succeeded() ? ar.result() : "no_response");
            finished.incrementAndGet();
        });
    }

    /** What the client got: a whole answer, a whole stream, a stream cut by an error event, or a status. */
    static String classify(int status, boolean stream, Buffer body) {
        if (status != 200) return "status_" + status;
        if (!stream) return body.length() > 0 && body.getByte(0) == '{' ? "ok" : "bad_body";
        String s = body.toString();
        return s.endsWith("data: [DONE]\n\n") && !s.contains("\"error\"") ? "stream_ok" : "stream_error";
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    }

    private long outcome(String k) {
        AtomicLong v = outcomes.get(k);
        return v == null ? 0 : v.get();
    }

    private String row(double t, ProcessSample s) {
        long non200 = outcomes.entrySet().stream().filter(e -> e.getKey().startsWith("status_")).mapToLong(e -> e.getValue().get()).sum();
        return String.format(java.util.Locale.ROOT, "%.1f,%.1f,%.1f,%.1f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d",
                t, s.heapAfterGcMb(), s.heapCommittedMb(), s.rssMb(), s.fds(), s.threads(), s.ledgerQueue(), s.ledgerWritten(),
                s.ledgerDropped(), sent.get(), answered.get(), sent.get() - finished.get(), outcome("ok"), outcome("stream_ok"),
                outcome("stream_error"), non200, outcome("no_response"));
    }

    private void writeClient(Path file, int rate, int seconds, double streamShare, long total) throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rate", rate);
        r.put("seconds", seconds);
        r.put("stream_share", streamShare);
        r.put("sent", sent.get());
        r.put("planned", total);
        r.put("answered", answered.get());
        r.put("answered_200", outcome("ok") + outcome("bad_body") + outcome("stream_ok") + outcome("stream_error"));
        r.put("unfinished", total - finished.get());
        Map<String, Long> o = new java.util.TreeMap<>();
        outcomes.forEach((k, v) -> o.put(k, v.get()));
        r.put("outcomes", o);
        Files.writeString(file, Json.pretty(r));
    }
}
