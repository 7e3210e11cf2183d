package dev.gearbox.ingress;

import dev.gearbox.config.ServerConfig;
import dev.gearbox.error.GatewayError;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

/**
 * Bounds how long an HTTP/1 client may take to send a request (slowloris): the request head must
 * be complete within {@code header_timeout_ms} of the connection opening or of the previous
 * answer ending (an idle keep-alive connection counts as a slow head), and the body within
 * {@code body_timeout_ms} of the head. A late head closes the connection (there is no request to
 * answer yet); a late body gets a 408 in the client's format, then the connection closes. The
 * time the gateway itself takes to answer is never limited here. A connection is served on one
 * event loop, so its clock is only touched from there.
 */
final class ClientDeadlines {
    private final Vertx vertx;
    private final long headerTimeoutMs;
    private final long bodyTimeoutMs;
    /** Each connection lives on one event loop, but the servers of all loops share this map. */
    private final java.util.Map<HttpConnection, Deadline> deadlines = new java.util.concurrent.ConcurrentHashMap<>();

    ClientDeadlines(Vertx vertx, ServerConfig limits) {
        this.vertx = vertx;
        this.headerTimeoutMs = limits.headerTimeoutMs();
        this.bodyTimeoutMs = limits.bodyTimeoutMs();
    }

    /** A new connection: its first request head is due. */
    void opened(HttpConnection conn) {
        Deadline d = new Deadline(conn);
        d.awaitHead();
        conn.closeHandler(v -> d.cancel());
        deadlines.put(conn, d);
    }

    /** A request head arrived: from now its body is due, and once answered the next head is. */
    void headArrived(HttpServerRequest req) {
        Deadline d = deadlines.get(req.connection());
        if (d == null) return;
        d.inFlight++;
        d.awaitBody(req);
        req.response().endHandler(v -> {
            // With pipelining the next request may already be in: its body clock keeps running.
            if (--d.inFlight == 0) d.awaitHead();
        });
    }

    /**
     * One connection's clock. Setting a deadline is two field writes: the connection's single timer
     * is armed only when none is, or when the new deadline falls before the armed one; when the
     * timer fires before the current deadline (it was armed for an earlier phase) it re-arms for
     * the rest. So a busy keep-alive connection costs a timer every {@code header_timeout_ms}, not
     * two per request.
     */
    private final class Deadline {
        private static final long NONE = Long.MAX_VALUE;
        private final HttpConnection conn;
        private long timer = -1;
        private long armedAt = NONE;
        /** When the current phase expires ({@link #NONE} while the gateway is answering). */
        private long dueAt = NONE;
        /** The request whose body is awaited; null while the head is awaited or nothing is. */
        private HttpServerRequest body;
        private boolean closed;
        /** Requests whose answer has not ended yet (more than one only with HTTP/1 pipelining). */
        private int inFlight;

        Deadline(HttpConnection conn) {
            this.conn = conn;
        }

        void awaitHead() {
            due(headerTimeoutMs, null);
        }

        void awaitBody(HttpServerRequest req) {
            due(bodyTimeoutMs, req);
        }

        private void due(long ms, HttpServerRequest req) {
            if (closed) return;
            long now = System.nanoTime();
            dueAt = now + ms * 1_000_000;
            body = req;
            if (timer >= 0 && armedAt <= dueAt) return;
            cancelTimer();
            arm(now, ms * 1_000_000);
        }

        private void arm(long now, long nanos) {
            armedAt = now + nanos;
            timer = vertx.setTimer(Math.max(1, (nanos + 999_999) / 1_000_000), id -> fired());
        }

        private void fired() {
            timer = -1;
            armedAt = NONE;
            if (closed || dueAt == NONE) return;
            long now = System.nanoTime();
            if (now < dueAt) {
                arm(now, dueAt - now);
                return;
            }
            HttpServerRequest req = body;
            dueAt = NONE;
            if (req == null) {
                conn.close();
                return;
            }
            if (req.isEnded() || req.response().headWritten()) return;
            req.response().putHeader("connection", "close");
            ErrorResponses.forPath(req.path()).send(req.response(), new GatewayError.RequestTimeout(bodyTimeoutMs));
            conn.close();
        }

        void cancel() {
            closed = true;
            cancelTimer();
            deadlines.remove(conn);
        }

        private void cancelTimer() {
            if (timer >= 0) vertx.cancelTimer(timer);
            timer = -1;
            armedAt = NONE;
        }
    }
}
