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
    /** Longest request line (method, path and query): a real endpoint path is far shorter. */
    public static final int MAX_REQUEST_LINE_BYTES = 8 * 1024;
    /**
     * The HTTP decoder's own limits are this many times Gearbox's: a head between the two is
     * answered by {@link #dispatch} in the endpoint's error shape; one past the decoder's is cut off
     * by the decoder (answered in OpenAI's shape, as its path is unknown).
     */
    private static final int DECODER_LIMIT_FACTOR = 4;

    private final Vertx vertx;
    private final dev.gearbox.config.ServerConfig limits;
    private final ClientDeadlines deadlines;
    private final AdminHandler admin;
    private final Map<String, Handler<HttpServerRequest>> routes = new HashMap<>();
    private final List<HttpServer> servers = new ArrayList<>();

    public GatewayServer(Vertx vertx, Supplier<Pipeline> pipelines, dev.gearbox.config.ServerConfig limits) {
        this.vertx = vertx;
        this.limits = limits;
        this.deadlines = new ClientDeadlines(vertx, limits);
        route(HttpMethod.POST, "/v1/chat/completions", new ChatHandler(pipelines, OpenAiFormat.INSTANCE));
        route(HttpMethod.POST, "/v1/messages", new ChatHandler(pipelines, AnthropicFormat.INSTANCE));
        route(HttpMethod.POST, "/v1/responses", new ChatHandler(pipelines, ResponsesFormat.INSTANCE));
        route(HttpMethod.POST, "/v1/embeddings", new EmbeddingsHandler(pipelines));
        route(HttpMethod.GET, "/v1/models", new ModelsHandler(pipelines));
        admin = new AdminHandler(vertx, pipelines);
        admin.register(this);
        route(HttpMethod.POST, "/v1/feedback", new FeedbackHandler(pipelines));
        route(HttpMethod.GET, "/healthz", req -> req.response().putHeader("content-type", "application/json")
                .end("{\"status\":\"ok\"}"));
    }

    /** Adds an endpoint; later stages (admin API, dashboard, other ingress formats) register here. */
    /** The dashboard's read-only JSON API, which a signed-in dashboard session may read without the bearer token. */
    public static final String DASHBOARD_API = "/admin/api/";

    private volatile java.util.function.Predicate<HttpServerRequest> dashboardSession = r -> false;

    /** How to tell a signed-in dashboard session (its cookie) from anyone else, for GETs under {@link #DASHBOARD_API}. */
    public void acceptDashboardSessions(java.util.function.Predicate<HttpServerRequest> signedIn) {
        this.dashboardSession = signedIn;
    }

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
                .setMaxHeaderSize(limits.maxHeaderBytes() * DECODER_LIMIT_FACTOR)
                .setMaxInitialLineLength(MAX_REQUEST_LINE_BYTES * DECODER_LIMIT_FACTOR)
                .setTcpNoDelay(true)
                .setCompressionSupported(false)
                // HTTP/1.1 only: with h2c detection on, Vert.x creates a connection only once a whole
                // request head has arrived, so a client dribbling its head could not be timed out.
                .setHttp2ClearTextEnabled(false);
        // A fresh context per server: each is served by its own event loop.
        io.vertx.core.Context ctx = ((io.vertx.core.internal.VertxInternal) vertx).createEventLoopContext();
        io.vertx.core.Promise<HttpServer> p = io.vertx.core.Promise.promise();
        ctx.runOnContext(v -> {
            HttpServer server = vertx.createHttpServer(options)
                    .connectionHandler(deadlines::opened)
                    .invalidRequestHandler(this::invalid)
                    .requestHandler(this::dispatch);
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

    /**
     * A request the HTTP/1 decoder refused: a request line or headers past its limits (four times
     * Gearbox's own), or bytes that are not HTTP. The decoder does not keep the path, so the error
     * is in OpenAI's shape; the server closes the connection afterwards.
     */
    private void invalid(HttpServerRequest req) {
        Throwable cause = req.decoderResult().cause();
        GatewayError e;
        if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
            e = new GatewayError.BadHead(431, "headers_too_large",
                    "The request headers are larger than the limit of " + limits.maxHeaderBytes() + " bytes.");
        } else if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
            e = new GatewayError.BadHead(414, "request_line_too_long",
                    "The request line is longer than the limit of " + MAX_REQUEST_LINE_BYTES + " bytes.");
        } else {
            e = new GatewayError.BadHead(400, "invalid_http", "The request is not valid HTTP/1.1.");
        }
        req.response().putHeader("connection", "close");
        ErrorResponses.send(req.response(), e);
    }

    /** The head's size against the configured limits; null when it is within them. */
    private GatewayError headProblem(HttpServerRequest req) {
        int line = req.method().name().length() + req.uri().length() + 10;
        if (line > MAX_REQUEST_LINE_BYTES) {
            return new GatewayError.BadHead(414, "request_line_too_long",
                    "The request line is longer than the limit of " + MAX_REQUEST_LINE_BYTES + " bytes.");
        }
        int size = 0;
        for (Map.Entry<String, String> h : req.headers()) size += h.getKey().length() + h.getValue().length() + 4;
        if (size > limits.maxHeaderBytes()) {
            return new GatewayError.BadHead(431, "headers_too_large",
                    "The request headers are larger than the limit of " + limits.maxHeaderBytes() + " bytes.");
        }
        return null;
    }

    private void dispatch(HttpServerRequest req) {
        deadlines.headArrived(req);
        GatewayError tooLarge = headProblem(req);
        if (tooLarge != null) {
            req.response().putHeader("connection", "close");
            ErrorResponses.forPath(req.path()).send(req.response(), tooLarge);
            return;
        }
        String path = req.path();
        if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
        // Any admin path, known or not, answers 401 without the token: nothing about it is revealed first.
        // A dashboard session (cookie) stands for the token only to read the dashboard's API, never to change keys.
        boolean dashboardRead = req.method() == HttpMethod.GET && path.startsWith(DASHBOARD_API) && dashboardSession.test(req);
        if (AdminHandler.guards(path) && !dashboardRead && admin.authorized(req) == null) return;
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
