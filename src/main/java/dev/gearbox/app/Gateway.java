package dev.gearbox.app;

import dev.gearbox.catalog.Fleet;
import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.config.ProviderConfig;
import dev.gearbox.dispatch.Dispatcher;
import dev.gearbox.dispatch.Health;
import dev.gearbox.dispatch.Ticker;
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
    /** Pooled connections per upstream host. */
    public static final int POOL_SIZE = 256;
    /** How often each replica re-reads the virtual keys (a key created or revoked elsewhere takes effect within this). */
    public static final long KEY_REFRESH_MS = 5_000;
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
    private final Ticker ticker;
    private final Health health;
    private final dev.gearbox.governance.Keys keys;
    private final dev.gearbox.governance.Limits limits;
    private final dev.gearbox.observe.ObservationLog observations;
    private dev.gearbox.observe.DriftMonitor drift;

    private Gateway(Vertx vertx, Ledger ledger, Ticker ticker, GearboxConfig cfg, dev.gearbox.governance.KeyStore keyStore,
                    dev.gearbox.observe.ObservationLog observations) {
        this.observations = observations;
        int connectTimeoutMs = (int) Math.min(Integer.MAX_VALUE, cfg.resilience().timeouts().connectMs());
        this.vertx = vertx;
        this.ledger = ledger;
        this.keys = new dev.gearbox.governance.Keys(keyStore, System::currentTimeMillis);
        this.limits = cfg.governance().redis()
                ? new dev.gearbox.governance.RedisLimits(vertx, cfg.governance().redisUrl(), cfg.governance().redisPrefix(), System::currentTimeMillis)
                : new dev.gearbox.governance.LocalLimits(System::currentTimeMillis);
        this.ticker = ticker == null ? Ticker.vertx(vertx) : ticker;
        this.health = new Health(this.ticker::nanoTime, dev.gearbox.metrics.BreakerEvents.listener(
                ledger instanceof dev.gearbox.metrics.MeteredLedger m ? m.registry() : null));
        this.providers = Registries.providers();
        this.policies = Registries.policies();
        this.embedPool = vertx.createSharedWorkerExecutor("gearbox-embed", RoutingWork.EMBED_THREADS);
        this.client = new dev.gearbox.providers.EventLoopClients(() -> vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(connectTimeoutMs)
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setDecompressionSupported(true), new PoolOptions().setHttp1MaxSize(POOL_SIZE)));
    }

    /** Builds the pipeline for {@code cfg} and starts listening on its host and port. */
    public static Future<Gateway> start(GearboxConfig cfg, Ledger ledger) {
        return start(cfg, ledger, null);
    }

    /**
     * As {@link #start(GearboxConfig, Ledger)}, with dispatch's clock given: tests pass a manual
     * ticker to drive retries, timeouts, hedges and breaker cool-downs without waiting.
     */
    public static Future<Gateway> start(GearboxConfig cfg, Ledger ledger, Ticker ticker) {
        return start(cfg, ledger, ticker, new dev.gearbox.governance.MemoryKeyStore(), new dev.gearbox.observe.MemoryObservationLog());
    }

    /**
     * As {@link #start(GearboxConfig, Ledger, Ticker)}, with the virtual keys' store (the ledger's
     * database under {@code serve}). Limits and budgets are counted where {@code limits:} says
     * (chosen at start); keys are re-read from the store every {@link #KEY_REFRESH_MS}.
     */
    public static Future<Gateway> start(GearboxConfig cfg, Ledger ledger, Ticker ticker, dev.gearbox.governance.KeyStore keyStore,
                                        dev.gearbox.observe.ObservationLog observations) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(EVENT_LOOPS));
        Gateway g;
        try {
            g = new Gateway(vertx, ledger, ticker, cfg, keyStore, observations);
        } catch (RuntimeException e) {
            vertx.close();
            return Future.failedFuture(e);
        }
        vertx.setPeriodic(KEY_REFRESH_MS, id -> vertx.executeBlocking(() -> {
            g.keys.refresh();
            g.reloadChangedRouters();
            return null;
        }, false));
        try {
            g.apply(cfg);
        } catch (RuntimeException e) {
            vertx.close();
            return Future.failedFuture(e);
        }
        g.server = new GatewayServer(vertx, g.pipeline::get, cfg.server());
        new dev.gearbox.ui.Dashboard(vertx, g.pipeline::get, ledger, g.health).register(g.server);
        if (ledger instanceof dev.gearbox.metrics.MeteredLedger metered) {
            g.server.route(io.vertx.core.http.HttpMethod.GET, "/metrics", req -> req.response()
                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metered.scrape()));
        }
        Future<Void> ready = g.limits instanceof dev.gearbox.governance.RedisLimits r
                ? r.ping().recover(e -> Future.failedFuture(new IllegalStateException(
                        "cannot reach Redis at " + cfg.governance().redisUrl() + " for limits: " + e.getMessage())))
                : Future.succeededFuture();
        return ready.compose(v -> g.server.listen(cfg.server().host(), cfg.server().port(), EVENT_LOOPS)).map(s -> g)
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
        health.sync(cfg.deployments(), cfg.resilience().breaker());
        Dispatcher dispatcher = new Dispatcher(fleet, adapters, ticker, cfg.resilience(), health);
        SideCall sideCall = new SideCall(vertx, fleet, dispatcher, ticker::nanoTime);
        RoutingWork work = new RoutingWork(embedPool, dev.gearbox.embed.EmbeddingModel::shared, sideCall);
        Router router = Router.build(fleet, cfg.routing(), policies, work, health);
        ModelInfo baseline = cfg.routing().baseline() == null ? null : cfg.catalog().require(cfg.routing().baseline());
        pipeline.set(new Pipeline(new SignalExtractor(), router, dispatcher, ledger, baseline, cfg.server().maxBodyBytes(),
                new Cascade(dispatcher, escalations), cfg.ledger().redact(),
                new dev.gearbox.governance.Governance(cfg.governance(), keys, limits),
                new dev.gearbox.observe.Observer(cfg.observe(), cfg.defaultMode(), router, fleet, baseline, sideCall, observations,
                        Embedder::shared, embedPool, () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble(), drift())));
        config.set(cfg);
        routerFiles.clear();
        routerFiles.putAll(routerFiles(cfg));
    }

    private final Map<java.nio.file.Path, Long> routerFiles = new java.util.concurrent.ConcurrentHashMap<>();

    /** Router files of learned policies (and of cost-aware ones with a learned quality model) and their modification times, as the current pipeline loaded them. */
    private static Map<java.nio.file.Path, Long> routerFiles(GearboxConfig cfg) {
        Map<java.nio.file.Path, Long> out = new HashMap<>();
        for (var p : cfg.routing().policies()) {
            if (!p.body().has("router")) continue; // learned policies, and cost-aware ones with quality: learned
            java.nio.file.Path f = java.nio.file.Path.of(p.body().require("router").asString().trim());
            out.put(f, modified(f));
        }
        return out;
    }

    private static long modified(java.nio.file.Path f) {
        try {
            return java.nio.file.Files.getLastModifiedTime(f).toMillis();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** A learned policy's router file changed (retrained): rebuild the pipeline so it is used; on error the old one stays. */
    void reloadChangedRouters() {
        for (var e : routerFiles.entrySet()) {
            if (modified(e.getKey()) == e.getValue()) continue;
            try {
                apply(config.get());
                org.slf4j.LoggerFactory.getLogger(Gateway.class).info("router file {} changed: routing reloaded", e.getKey());
            } catch (RuntimeException ex) {
                routerFiles.put(e.getKey(), modified(e.getKey()));
                org.slf4j.LoggerFactory.getLogger(Gateway.class).warn("router file {} changed but cannot be used, keeping the previous one: {}",
                        e.getKey(), ex.getMessage());
            }
            return;
        }
    }

    /** The drift monitor: one per gateway, kept across reloads (its baseline is the traffic since start). */
    private synchronized dev.gearbox.observe.DriftMonitor drift() {
        if (drift == null) {
            drift = new dev.gearbox.observe.DriftMonitor(dev.gearbox.observe.DriftMonitor.Settings.DEFAULTS, System::currentTimeMillis,
                    dev.gearbox.metrics.AlertSink.of(ledger instanceof dev.gearbox.metrics.MeteredLedger m ? m.registry() : null, client,
                            () -> config.get() == null ? null : config.get().observe().alertWebhook()));
        }
        return drift;
    }

    /** Shadow tests and feedback. */
    public dev.gearbox.observe.ObservationLog observations() {
        return observations;
    }

    /** The virtual keys this gateway accepts. */
    public dev.gearbox.governance.Keys keys() {
        return keys;
    }

    /** Each deployment's breaker, rate-limit buckets and in-flight count. */
    public Health health() {
        return health;
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
        observations.close();
        ledger.close();
        limits.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // best effort
        }
    }
}
