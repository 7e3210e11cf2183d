package dev.gearbox.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The floor for any gateway built on Gearbox's stack: a bare Vert.x reverse proxy with Gearbox's
 * own server, client and event-loop settings (native epoll, one event loop per core, an HTTP
 * client per event loop with a 256-connection pool, TCP_NODELAY) that forwards each request's
 * bytes to the upstream and pipes the answer back. It reads no JSON, routes nothing and records
 * nothing, so the gap between it and nginx is what the stack (Netty, Vert.x HTTP, the JVM) costs
 * before any gateway logic, and the gap between it and Gearbox is what Gearbox's own work costs.
 *
 * <p>Usage: {@code VertxFloor PORT UPSTREAM_PORT}
 */
public final class VertxFloor {
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int upstream = Integer.parseInt(args[1]);
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(loops));
        Map<Thread, HttpClient> clients = new ConcurrentHashMap<>();
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                .setTcpNoDelay(true).setCompressionSupported(false).setHttp2ClearTextEnabled(false);
        for (int i = 0; i < loops; i++) {
            vertx.deployVerticle(new io.vertx.core.VerticleBase() {
                @Override
                public io.vertx.core.Future<?> start() {
                    return vertx.createHttpServer(options).requestHandler(req -> forward(vertx, clients, upstream, req)).listen();
                }
            }).onFailure(e -> {
                e.printStackTrace();
                System.exit(1);
            });
        }
        System.out.println("vertx floor on 127.0.0.1:" + port + " -> 127.0.0.1:" + upstream + " (" + loops + " event loops)");
    }

    private static void forward(Vertx vertx, Map<Thread, HttpClient> clients, int upstream, HttpServerRequest req) {
        HttpClient client = clients.computeIfAbsent(Thread.currentThread(), t -> vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true).setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(256)));
        req.body().compose(body -> {
            RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(upstream)
                    .setURI(req.uri()).putHeader("content-type", "application/json");
            String auth = req.getHeader("authorization");
            if (auth != null) o.putHeader("authorization", auth);
            return client.request(o).compose(up -> up.send(body));
        }).compose(resp -> {
            // in the callback that received the response, so no body byte arrives before the pipe is set
            var out = req.response().setStatusCode(resp.statusCode());
            String type = resp.getHeader("content-type");
            if (type != null) out.putHeader("content-type", type);
            String length = resp.getHeader("content-length");
            if (length != null) out.putHeader("content-length", length);
            else out.setChunked(true);
            return resp.pipeTo(out);
        }).onFailure(e -> {
            if (!req.response().headWritten()) req.response().setStatusCode(502).end();
            else req.response().reset();
        });
    }
}
