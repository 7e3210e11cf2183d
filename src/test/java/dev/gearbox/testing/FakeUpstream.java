package dev.gearbox.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on a loopback port that records every request it receives and answers with
 * scripted responses in order (the last script repeats once the queue is down to one). Switches:
 * status and body, SSE events with a gap between them, a slow first byte, a connection dropped
 * after N events, a connection reset before any answer.
 */
public final class FakeUpstream implements AutoCloseable {

    /** What crossed the wire, as the upstream saw it. */
    public record Recorded(String method, String path, String query, Map<String, String> headers, String body) {
        public io.vertx.core.json.JsonObject json() {
            return new io.vertx.core.json.JsonObject(body);
        }
    }

    /** One scripted answer. Build with the static factories and the {@code with*} switches. */
    public record Script(int status, Map<String, String> headers, String body, List<String> sseEvents,
                         Duration firstByteDelay, Duration gap, int dropAfterEvents, boolean resetImmediately) {
        public static Script json(int status, String body) {
            return new Script(status, Map.of("content-type", "application/json"), body, null, Duration.ZERO,
                    Duration.ZERO, -1, false);
        }

        /** Each element is one raw SSE event block without the trailing blank line, e.g. {@code "data: {...}"}. */
        public static Script sse(List<String> events) {
            return new Script(200, Map.of("content-type", "text/event-stream"), null, List.copyOf(events),
                    Duration.ZERO, Duration.ZERO, -1, false);
        }

        public static Script reset() {
            return new Script(0, Map.of(), null, null, Duration.ZERO, Duration.ZERO, -1, true);
        }

        public Script withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Script(status, h, body, sseEvents, firstByteDelay, gap, dropAfterEvents, resetImmediately);
        }

        public Script withFirstByteDelay(Duration d) {
            return new Script(status, headers, body, sseEvents, d, gap, dropAfterEvents, resetImmediately);
        }

        public Script withGap(Duration d) {
            return new Script(status, headers, body, sseEvents, firstByteDelay, d, dropAfterEvents, resetImmediately);
        }

        /** A JSON answer whose body is cut after {@code bytes} bytes by a connection reset (declared length kept). */
        public Script cutAfterBytes(int bytes) {
            return new Script(status, headers, body, sseEvents, firstByteDelay, gap, bytes, resetImmediately);
        }

        /** Close the connection abruptly after sending this many SSE events. */
        public Script droppingAfter(int events) {
            return new Script(status, headers, body, sseEvents, firstByteDelay, gap, events, resetImmediately);
        }
    }

    private final Vertx vertx;
    private final boolean ownVertx;
    private final HttpServer server;
    private final Deque<Script> scripts = new ConcurrentLinkedDeque<>();
    private final List<Recorded> received = Collections.synchronizedList(new ArrayList<>());

    private FakeUpstream(Vertx vertx, boolean ownVertx) {
        this.vertx = vertx;
        this.ownVertx = ownVertx;
        this.server = vertx.createHttpServer().requestHandler(this::handle);
    }

    public static FakeUpstream start() {
        return start(Vertx.vertx(), true);
    }

    public static FakeUpstream start(Vertx vertx) {
        return start(vertx, false);
    }

    private static FakeUpstream start(Vertx vertx, boolean own) {
        FakeUpstream f = new FakeUpstream(vertx, own);
        try {
            f.server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake upstream did not start", e);
        }
        return f;
    }

    public int port() {
        return server.actualPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public FakeUpstream enqueue(Script script) {
        scripts.addLast(script);
        return this;
    }

    public List<Recorded> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public Recorded last() {
        List<Recorded> r = received();
        if (r.isEmpty()) throw new AssertionError("the fake upstream received no request");
        return r.get(r.size() - 1);
    }

    private volatile java.util.function.Function<Recorded, Script> responder;

    /** Answers every request with what {@code f} picks for it (instead of the script queue). */
    public FakeUpstream respondWith(java.util.function.Function<Recorded, Script> f) {
        this.responder = f;
        return this;
    }

    private Script next(Recorded r) {
        if (responder != null) return responder.apply(r);
        Script s = scripts.size() > 1 ? scripts.pollFirst() : scripts.peekFirst();
        return s != null ? s : Script.json(500, "{\"error\":{\"message\":\"no scripted response\"}}");
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            Map<String, String> headers = new LinkedHashMap<>();
            req.headers().forEach(e -> headers.put(e.getKey().toLowerCase(), e.getValue()));
            Recorded rec = new Recorded(req.method().name(), req.path(), req.query(), headers, body.toString());
            received.add(rec);
            Script s = next(rec);
            if (s.resetImmediately()) {
                req.connection().close();
                return;
            }
            HttpServerResponse resp = req.response();
            resp.closeHandler(v -> {
                if (!resp.ended()) abandoned.incrementAndGet();
            });
            long delay = s.firstByteDelay().toMillis();
            if (delay > 0) vertx.setTimer(delay, id -> respond(req.response(), s));
            else respond(req.response(), s);
        });
    }

    private final java.util.concurrent.atomic.AtomicInteger abandoned = new java.util.concurrent.atomic.AtomicInteger();

    /** Responses whose connection the gateway closed before they were complete (a cancel, a timeout, a lost hedge). */
    public int abandoned() {
        return abandoned.get();
    }

    private void respond(HttpServerResponse resp, Script s) {
        if (resp.closed()) return;
        resp.setStatusCode(s.status() == 0 ? 200 : s.status());
        s.headers().forEach(resp::putHeader);
        if (s.sseEvents() == null) {
            String body = s.body() == null ? "" : s.body();
            if (s.dropAfterEvents() >= 0) {
                resp.putHeader("content-length", Integer.toString(body.length()));
                int cut = Math.min(body.length(), s.dropAfterEvents());
                resp.write(body.substring(0, cut));
                long gap = s.gap().toMillis();
                // with a gap: the rest drips in after it; without: the connection is reset
                if (gap > 0) vertx.setTimer(gap, id -> resp.end(body.substring(cut)));
                else resp.reset();
                return;
            }
            resp.end(body);
            return;
        }
        resp.setChunked(true);
        sendEvent(resp, s, 0);
    }

    private void sendEvent(HttpServerResponse resp, Script s, int i) {
        if (i == s.dropAfterEvents()) {
            resp.reset();
            return;
        }
        if (i >= s.sseEvents().size()) {
            resp.end();
            return;
        }
        resp.write(Buffer.buffer(s.sseEvents().get(i) + "\n\n"));
        long gap = s.gap().toMillis();
        if (gap > 0) vertx.setTimer(gap, id -> sendEvent(resp, s, i + 1));
        else sendEvent(resp, s, i + 1);
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            if (ownVertx) vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
