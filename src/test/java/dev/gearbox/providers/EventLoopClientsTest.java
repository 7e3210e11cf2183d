package dev.gearbox.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each event loop's upstream requests go over that loop's own connections; other threads share one pool. */
class EventLoopClientsTest {
    Vertx vertx;
    HttpServer server;
    final List<String> connections = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        server = vertx.createHttpServer().requestHandler(req -> {
            connections.add(req.remoteAddress().toString());
            req.response().end("ok");
        }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void requestsFromTwoEventLoopsUseTwoConnectionsAndRequestsFromOneLoopReuseOne() throws Exception {
        EventLoopClients clients = new EventLoopClients(() -> vertx.createHttpClient());
        Context a = ((io.vertx.core.internal.VertxInternal) vertx).createEventLoopContext();
        Context b = ((io.vertx.core.internal.VertxInternal) vertx).createEventLoopContext();
        assertThat(((io.vertx.core.internal.ContextInternal) a).nettyEventLoop())
                .isNotSameAs(((io.vertx.core.internal.ContextInternal) b).nettyEventLoop());
        for (Context c : List.of(a, a, b, b, a)) get(clients, c).await(10, TimeUnit.SECONDS);
        assertThat(connections).hasSize(5);
        assertThat(connections.stream().distinct().count()).isEqualTo(2);
        assertThat(connections.get(0)).isEqualTo(connections.get(1)).isEqualTo(connections.get(4));
        assertThat(connections.get(2)).isEqualTo(connections.get(3)).isNotEqualTo(connections.get(0));
        // outside any event loop: one shared pool
        clients.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(server.actualPort()).setURI("/"))
                .compose(r -> r.send().compose(HttpClientResponse::body)).await(10, TimeUnit.SECONDS);
        assertThat(connections).hasSize(6);
        assertThat(connections.get(5)).isNotIn(connections.get(0), connections.get(2));
        clients.shutdown(java.time.Duration.ofSeconds(5)).await(10, TimeUnit.SECONDS);
    }

    private Future<String> get(EventLoopClients clients, Context on) {
        Promise<String> done = Promise.promise();
        on.runOnContext(v -> clients.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                        .setPort(server.actualPort()).setURI("/"))
                .compose(r -> r.send().compose(HttpClientResponse::body))
                .map(Object::toString).onComplete(done));
        return done.future();
    }
}
