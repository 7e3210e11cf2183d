package dev.gearbox.providers;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.config.Deployment;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Sends a {@link WireProtocol}'s requests over a shared Vert.x HTTP client. All the I/O of the
 * HTTP providers lives here; the protocols stay pure.
 */
public final class HttpProviderAdapter implements ProviderAdapter {
    /** Default wait for response headers, and the longest silence between stream chunks. */
    public static final long DEFAULT_IDLE_TIMEOUT_MS = 120_000;

    private final HttpClient client;
    private final WireProtocol protocol;
    private final long idleTimeoutMs;

    public HttpProviderAdapter(HttpClient client, WireProtocol protocol) {
        this(client, protocol, DEFAULT_IDLE_TIMEOUT_MS);
    }

    public HttpProviderAdapter(HttpClient client, WireProtocol protocol, long idleTimeoutMs) {
        this.client = client;
        this.protocol = protocol;
        this.idleTimeoutMs = idleTimeoutMs;
    }

    public WireProtocol protocol() {
        return protocol;
    }

    @Override
    public Future<ChatResponse> chat(Deployment deployment, ChatRequest request) {
        return chat(deployment, request, new CallControl());
    }

    @Override
    public Future<ChatResponse> chat(Deployment deployment, ChatRequest request, CallControl control) {
        UpstreamRequest call = protocol.toWire(deployment, request.withStream(false));
        return send(call, control, resp -> resp.body().map(body -> {
                    if (resp.statusCode() / 100 != 2) {
                        throw protocol.error(deployment, resp.statusCode(), resp.headers(), body);
                    }
                    return protocol.fromWire(deployment, body);
                }))
                .recover(t -> Future.failedFuture(KeyMasking.mask(deployment, classify(deployment, t))));
    }

    @Override
    public Future<ChunkStream> stream(Deployment deployment, ChatRequest request) {
        return stream(deployment, request, new CallControl());
    }

    @Override
    public Future<ChunkStream> stream(Deployment deployment, ChatRequest request, CallControl control) {
        UpstreamRequest call = protocol.toWire(deployment, request.withStream(true));
        return send(call, control, resp -> {
                    if (resp.statusCode() / 100 != 2) {
                        return resp.body().map(body -> {
                            throw protocol.error(deployment, resp.statusCode(), resp.headers(), body);
                        });
                    }
                    resp.pause();
                    return Future.<ChunkStream>succeededFuture(
                            new HttpChunkStream(resp, protocol.streamTranslator(deployment), deployment));
                })
                .recover(t -> Future.failedFuture(KeyMasking.mask(deployment, classify(deployment, t))));
    }

    @Override
    public Future<Embeddings> embed(Deployment deployment, java.util.List<String> inputs) {
        UpstreamRequest call = protocol.embeddings(deployment, inputs);
        if (call == null) return ProviderAdapter.super.embed(deployment, inputs);
        return send(call, new CallControl(), resp -> resp.body().map(body -> {
                    if (resp.statusCode() / 100 != 2) throw protocol.error(deployment, resp.statusCode(), resp.headers(), body);
                    io.vertx.core.json.JsonObject o = body.toJsonObject();
                    io.vertx.core.json.JsonArray data = o.getJsonArray("data");
                    float[][] out = new float[data.size()][];
                    for (int i = 0; i < data.size(); i++) {
                        io.vertx.core.json.JsonObject d = data.getJsonObject(i);
                        io.vertx.core.json.JsonArray v = d.getJsonArray("embedding");
                        float[] f = new float[v.size()];
                        for (int j = 0; j < f.length; j++) f[j] = v.getNumber(j).floatValue();
                        out[d.getInteger("index", i)] = f;
                    }
                    int tokens = o.getJsonObject("usage", new io.vertx.core.json.JsonObject()).getInteger("prompt_tokens", 0);
                    return new Embeddings(java.util.List.of(out), tokens);
                }))
                .recover(t -> Future.failedFuture(t instanceof RuntimeException && !(t instanceof GatewayError) && !(t instanceof io.vertx.core.VertxException)
                        ? new GatewayError.UpstreamError(deployment.provider().name(), deployment.id(), 0, ErrorClass.SERVER_ERROR,
                                "Upstream sent an embeddings answer Gearbox could not read.", null, null)
                        : KeyMasking.mask(deployment, classify(deployment, t))));
    }

    /**
     * Sends {@code call} and hands the response to {@code onResponse} in the same callback that
     * received it, on the connection's event loop, so no body byte can arrive before its handlers
     * are set (even when the call was made from a thread outside Vert.x).
     */
    private <T> Future<T> send(UpstreamRequest call, CallControl control, java.util.function.Function<HttpClientResponse, Future<T>> onResponse) {
        UpstreamUrl url = UpstreamUrl.of(call.url());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setSsl(url.ssl()).setHost(url.host()).setPort(url.port()).setURI(url.uri())
                .setIdleTimeout(idleTimeoutMs);
        for (Map.Entry<String, String> h : call.headers().entrySet()) options.addHeader(h.getKey(), h.getValue());
        options.putHeader("content-type", "application/json");
        return client.request(options).compose(req -> {
            control.onAbort(() -> req.reset());
            return req.send(call.body()).compose(resp -> {
                control.headersArrived();
                return onResponse.apply(resp);
            });
        });
    }

    /** Turns transport failures into the error classes dispatch reasons about. */
    static GatewayError classify(Deployment d, Throwable t) {
        if (t instanceof GatewayError g) return g;
        String provider = d.provider().name();
        ErrorClass cls;
        String what;
        if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
            cls = ErrorClass.TIMEOUT;
            what = "timed out";
        } else if (t instanceof ConnectException) {
            cls = ErrorClass.CONNECTION;
            what = "connection refused";
        } else if (t instanceof StreamResetException || t instanceof java.io.IOException
                || t instanceof io.vertx.core.VertxException) {
            cls = ErrorClass.CONNECTION;
            what = "connection failed (" + t.getClass().getSimpleName() + ")";
        } else {
            cls = ErrorClass.SERVER_ERROR;
            what = "failed (" + t.getClass().getSimpleName() + ")";
        }
        return new GatewayError.UpstreamError(provider, d.id(), 0, cls,
                "Upstream " + provider + " " + what + ".", null, null);
    }
}
