package dev.gearbox.providers;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An HTTP client per event loop, behind one {@link HttpClient}. Vert.x pools connections across
 * event loops, and a connection answers on the loop that opened it: a request sent from another
 * loop has every response event handed across threads (a queue and a wake-up each, on the path
 * of every upstream byte). Here each loop's requests use that loop's own pool, so an upstream
 * exchange stays on the thread that received the client's request. Calls from outside an event
 * loop (workers, tests, the CLI) share one more client.
 */
public final class EventLoopClients implements HttpClient {
    private final Supplier<HttpClient> factory;
    private final Map<Thread, HttpClient> byLoop = new ConcurrentHashMap<>();
    private final HttpClient shared;

    public EventLoopClients(Supplier<HttpClient> factory) {
        this.factory = factory;
        this.shared = factory.get();
    }

    /** This thread's client when it is an event loop, else the shared one. */
    private HttpClient client() {
        if (!Context.isOnEventLoopThread()) return shared;
        return byLoop.computeIfAbsent(Thread.currentThread(), t -> factory.get());
    }

    @Override
    public Future<HttpClientRequest> request(RequestOptions options) {
        return client().request(options);
    }

    @Override
    public Future<Void> shutdown(Duration timeout) {
        List<Future<Void>> all = new ArrayList<>();
        all.add(shared.shutdown(timeout));
        for (HttpClient c : byLoop.values()) all.add(c.shutdown(timeout));
        return Future.all(all).mapEmpty();
    }
}
