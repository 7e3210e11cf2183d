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
import java.util.HashMap;
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
    private HttpServer server;

    public GatewayServer(Vertx vertx, Supplier<Pipeline> pipelines) {
        this.vertx = vertx;
        route(HttpMethod.POST, "/v1/chat/completions", new ChatCompletionsHandler(pipelines));
        route(HttpMethod.GET, "/v1/models", new ModelsHandler(pipelines));
        route(HttpMethod.GET, "/healthz", req -> req.response().putHeader("content-type", "application/json")
                .end("{\"status\":\"ok\"}"));
    }

    /** Adds an endpoint; later stages (admin API, dashboard, other ingress formats) register here. */
    public GatewayServer route(HttpMethod method, String path, Handler<HttpServerRequest> handler) {
        routes.put(method.name() + " " + path, handler);
        return this;
    }

    public Future<GatewayServer> listen(String host, int port) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host).setPort(port)
                .setMaxHeaderSize(MAX_HEADER_BYTES)
                .setTcpNoDelay(true)
                .setCompressionSupported(false);
        server = vertx.createHttpServer(options).requestHandler(this::dispatch);
        return server.listen().map(s -> this);
    }

    public int port() {
        return server.actualPort();
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void dispatch(HttpServerRequest req) {
        String path = req.path();
        if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
        Handler<HttpServerRequest> h = routes.get(req.method().name() + " " + path);
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
