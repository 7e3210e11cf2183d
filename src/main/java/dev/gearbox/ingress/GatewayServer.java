package dev.gearbox.ingress;

import dev.gearbox.error.GatewayError;
import dev.gearbox.pipeline.Pipeline;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HTTP edge: a Vert.x server with a small exact-path route table. Handlers read the current
 * {@link Pipeline} per request, so a config reload takes effect without a restart.
 */
public final class GatewayServer {
    /** Longest request line plus headers Gearbox accepts, in bytes. */
    public static final int MAX_HEADER_BYTES = 32 * 1024;

    private final Vertx vertx;
    private final Map<String, Handler<HttpServerRequest>> routes = new HashMap<>();
    private final List<HttpServer> servers = new ArrayList<>();

    public GatewayServer(Vertx vertx, Supplier<Pipeline> pipelines) {
        this.vertx = vertx;
        route(HttpMethod.POST, "/v1/chat/completions", new ChatHandler(pipelines, OpenAiFormat.INSTANCE));
        route(HttpMethod.POST, "/v1/messages", new ChatHandler(pipelines, AnthropicFormat.INSTANCE));
        route(HttpMethod.POST, "/v1/responses", new ChatHandler(pipelines, ResponsesFormat.INSTANCE));
        route(HttpMethod.POST, "/v1/embeddings", new EmbeddingsHandler(pipelines));
        route(HttpMethod.GET, "/v1/models", new ModelsHandler(pipelines));
        new AdminHandler(vertx, pipelines).register(this);
        route(HttpMethod.POST, "/v1/feedback", new FeedbackHandler(pipelines));
        route(HttpMethod.GET, "/healthz", req -> req.response().putHeader("content-type", "application/json")
                .end("{\"status\":\"ok\"}"));
    }

    /** Adds an endpoint; later stages (admin API, dashboard, other ingress formats) register here. */
    public GatewayServer route(HttpMethod method, String path, Handler<HttpServerRequest> handler) {
        routes.put(method.name() + " " + path, handler);
        return this;
    }

    /**
     * Listens with one server per event loop ({@code instances}), all on the same port: Vert.x
     * spreads accepted connections over them, so every core serves requests (a single server would
     * keep every connection on one event loop). Vert.x shares the socket between servers of one
     * instance listening on the same host and port; port 0 is first resolved to a free port.
     */
    public Future<GatewayServer> listen(String host, int requestedPort, int instances) {
        int port;
        try {
            port = requestedPort == 0 && instances > 1 ? freePort(host) : requestedPort;
        } catch (java.io.IOException e) {
            return Future.failedFuture(e);
        }
        return listenOne(host, port).compose(first -> {
            List<Future<HttpServer>> rest = new ArrayList<>();
            for (int i = 1; i < instances; i++) rest.add(listenOne(host, port));
            return Future.all(rest).compose(all -> {
                for (int i = 0; i < rest.size(); i++) {
                    int p = rest.get(i).result().actualPort();
                    if (p != first.actualPort()) return Future.failedFuture(new IllegalStateException(
                            "server instance bound port " + p + " instead of " + first.actualPort()));
                }
                return Future.succeededFuture();
            });
        }).map(v -> this);
    }

    public Future<GatewayServer> listen(String host, int port) {
        return listen(host, port, 1);
    }

    /** Vert.x shares a socket only between servers on the same explicit port, so port 0 is resolved first. */
    private static int freePort(String host) throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private Future<HttpServer> listenOne(String host, int port) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host).setPort(port)
                .setMaxHeaderSize(MAX_HEADER_BYTES)
                .setTcpNoDelay(true)
                .setCompressionSupported(false);
        // A fresh context per server: each is served by its own event loop.
        io.vertx.core.Context ctx = ((io.vertx.core.internal.VertxInternal) vertx).createEventLoopContext();
        io.vertx.core.Promise<HttpServer> p = io.vertx.core.Promise.promise();
        ctx.runOnContext(v -> {
            HttpServer server = vertx.createHttpServer(options).requestHandler(this::dispatch);
            synchronized (servers) {
                servers.add(server);
            }
            server.listen().onComplete(p);
        });
        return p.future();
    }

    public int port() {
        return servers.get(0).actualPort();
    }

    /** Stops accepting at once and lets in-flight requests and streams finish for up to {@link #SHUTDOWN_GRACE}. */
    public Future<Void> close() {
        List<Future<Void>> closing = new ArrayList<>();
        synchronized (servers) {
            for (HttpServer s : servers) closing.add(s.shutdown(SHUTDOWN_GRACE));
        }
        return Future.all(closing).mapEmpty();
    }

    /** How long a shutdown (SIGTERM) waits for in-flight requests and streams. */
    public static final java.time.Duration SHUTDOWN_GRACE = java.time.Duration.ofSeconds(20);

    private void dispatch(HttpServerRequest req) {
        String path = req.path();
        if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
        Handler<HttpServerRequest> h = routes.get(req.method().name() + " " + path);
        int slash = path.lastIndexOf('/');
        if (h == null && slash > 0) h = routes.get(req.method().name() + " " + path.substring(0, slash) + "/*");
        if (h != null) {
            h.handle(req);
            return;
        }
        boolean known = false;
        for (String key : routes.keySet()) if (key.endsWith(" " + path)) known = true;
        GatewayError e = known
                ? new GatewayError.BadRequest("Method " + req.method() + " is not allowed on " + path + ".", null, "method_not_allowed")
                : new GatewayError.NotFound("No endpoint " + req.method() + " " + path + ". Gearbox serves POST /v1/chat/completions, GET /v1/models, GET /healthz.");
        req.response().putHeader(Headers.REQUEST_ID, RequestIds.next(System.currentTimeMillis()));
        ErrorResponses.send(req.response(), e);
    }
}
