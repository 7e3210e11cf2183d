package dev.gearbox.app;

import dev.gearbox.catalog.Fleet;
import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.config.ProviderConfig;
import dev.gearbox.dispatch.Dispatcher;
import dev.gearbox.ingress.GatewayServer;
import dev.gearbox.ledger.Ledger;
import dev.gearbox.pipeline.Pipeline;
import dev.gearbox.policy.PolicyRegistry;
import dev.gearbox.policy.Router;
import dev.gearbox.providers.ProviderAdapter;
import dev.gearbox.providers.ProviderRegistry;
import dev.gearbox.signals.SignalExtractor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import dev.gearbox.dispatch.Cascade;
import dev.gearbox.dispatch.Escalations;
import dev.gearbox.dispatch.SideCall;
import dev.gearbox.embed.Embedder;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running gateway: Vert.x, the shared upstream HTTP client, the current {@link Pipeline} and the
 * HTTP server. {@link #apply} builds a pipeline from a new config snapshot and swaps it in whole.
 */
public final class Gateway implements AutoCloseable {
    /** Connect timeout to providers. */
    public static final int CONNECT_TIMEOUT_MS = 10_000;
    /** Pooled connections per upstream host. */
    public static final int POOL_SIZE = 256;
    /** One event loop (and one HTTP server instance) per core: the gateway's work is all non-blocking. */
    public static final int EVENT_LOOPS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final Vertx vertx;
    private final HttpClient client;
    private final ProviderRegistry providers;
    private final PolicyRegistry policies;
    private final Ledger ledger;
    private final WorkerExecutor embedPool;
    private final Escalations escalations = new Escalations();
    private final AtomicReference<Pipeline> pipeline = new AtomicReference<>();
    private final AtomicReference<GearboxConfig> config = new AtomicReference<>();
    private GatewayServer server;
    private dev.gearbox.dispatch.Delays delays = dev.gearbox.dispatch.Delays.VERTX;

    private Gateway(Vertx vertx, Ledger ledger) {
        this.vertx = vertx;
        this.ledger = ledger;
        this.providers = Registries.providers();
        this.policies = Registries.policies();
        this.embedPool = vertx.createSharedWorkerExecutor("gearbox-embed", RoutingWork.EMBED_THREADS);
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(CONNECT_TIMEOUT_MS)
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setDecompressionSupported(true), new PoolOptions().setHttp1MaxSize(POOL_SIZE));
    }

    /** Builds the pipeline for {@code cfg} and starts listening on its host and port. */
    public static Future<Gateway> start(GearboxConfig cfg, Ledger ledger) {
        return start(cfg, ledger, dev.gearbox.dispatch.Delays.VERTX);
    }

    /** As {@link #start(GearboxConfig, Ledger)}, with the retry backoff timer given (tests record the delays). */
    public static Future<Gateway> start(GearboxConfig cfg, Ledger ledger, dev.gearbox.dispatch.Delays delays) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(EVENT_LOOPS));
        Gateway g = new Gateway(vertx, ledger);
        g.delays = delays;
        try {
            g.apply(cfg);
        } catch (RuntimeException e) {
            vertx.close();
            return Future.failedFuture(e);
        }
        g.server = new GatewayServer(vertx, g.pipeline::get);
        if (ledger instanceof dev.gearbox.metrics.MeteredLedger metered) {
            g.server.route(io.vertx.core.http.HttpMethod.GET, "/metrics", req -> req.response()
                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metered.scrape()));
        }
        return g.server.listen(cfg.server().host(), cfg.server().port(), EVENT_LOOPS).map(s -> g)
                .onFailure(e -> vertx.close());
    }

    /** The provider kinds this build knows, for config validation. */
    public static java.util.Set<String> providerKinds() {
        return Registries.providers().kinds();
    }

    /** Validates {@code cfg} fully (policies included) and swaps it in; on error the old pipeline stays. */
    public void apply(GearboxConfig cfg) {
        Map<String, ProviderAdapter> adapters = new HashMap<>();
        for (ProviderConfig p : cfg.providers()) adapters.put(p.name(), providers.create(p, vertx, client));
        Fleet fleet = new Fleet(cfg.catalog(), cfg.deployments(), cfg.aliases());
        Dispatcher dispatcher = new Dispatcher(fleet, adapters, System::nanoTime, dev.gearbox.dispatch.RetryPolicy.DEFAULT, delays);
        RoutingWork work = new RoutingWork(embedPool, Embedder::shared, new SideCall(vertx, fleet, dispatcher, System::nanoTime));
        Router router = Router.build(fleet, cfg.routing(), policies, work);
        ModelInfo baseline = cfg.routing().baseline() == null ? null : cfg.catalog().require(cfg.routing().baseline());
        pipeline.set(new Pipeline(new SignalExtractor(), router, dispatcher, ledger, baseline, cfg.server().maxBodyBytes(),
                new Cascade(dispatcher, escalations), cfg.ledger().redact()));
        config.set(cfg);
    }

    public GearboxConfig config() {
        return config.get();
    }

    /** Cascade escalations by policy and failed check since start (across reloads), for metrics. */
    public Escalations escalations() {
        return escalations;
    }

    public Pipeline pipeline() {
        return pipeline.get();
    }

    public int port() {
        return server.port();
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Stops accepting, closes connections, flushes the ledger. */
    @Override
    public void close() {
        try {
            if (server != null) server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway
        }
        ledger.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // best effort
        }
    }
}
