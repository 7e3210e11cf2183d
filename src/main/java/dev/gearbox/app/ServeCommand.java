package dev.gearbox.app;

import dev.gearbox.config.ConfigException;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.config.ServerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code gearbox serve}: runs the gateway until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the gateway. Without --config it serves the built-in demo fleet (simulated models, no keys needed).")
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "gearbox.yaml to load (reloaded when it changes)")
    Path config;

    @Option(names = "--port", paramLabel = "N", description = "port to listen on (overrides the config; default 8080)")
    Integer port;

    @Option(names = "--host", paramLabel = "H", description = "address to bind (overrides the config; default 127.0.0.1)")
    String host;

    @Option(names = "--demo-traffic", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "with the built-in demo: send a request per second of mixed demo traffic through the gateway, so the "
                    + "dashboard has something to show (default on; --no-demo-traffic turns it off; never with --config)")
    boolean demoTraffic;

    /** The admin token made up for this demo run when GEARBOX_ADMIN_TOKEN is not set (printed once at start). */
    private String demoToken;

    @Override
    public Integer call() throws Exception {
        GearboxConfig cfg;
        try {
            cfg = load();
        } catch (ConfigException e) {
            System.err.println("gearbox: invalid configuration\n  " + e.getMessage());
            return 2;
        }
        Gateway gateway;
        dev.gearbox.ledger.Ledger ledger;
        dev.gearbox.governance.KeyStore keys;
        dev.gearbox.observe.ObservationLog observations;
        try {
            dev.gearbox.ledger.Ledger store = dev.gearbox.ledger.Ledgers.open(cfg.ledger());
            keys = store instanceof dev.gearbox.ledger.JdbcLedger j
                    ? new dev.gearbox.governance.JdbcKeyStore(j.store().dataSource()) : new dev.gearbox.governance.MemoryKeyStore();
            observations = store instanceof dev.gearbox.ledger.JdbcLedger j2
                    ? new dev.gearbox.observe.JdbcObservationLog(j2.store().dataSource()) : new dev.gearbox.observe.MemoryObservationLog();
            if (cfg.telemetry().enabled()) store = dev.gearbox.metrics.TracingLedger.otlp(store, cfg.telemetry());
            ledger = new dev.gearbox.metrics.MeteredLedger(store);
        } catch (RuntimeException e) {
            System.err.println("gearbox: could not open the ledger (" + cfg.ledger().store() + "): " + e.getMessage());
            return 1;
        }
        try {
            gateway = Gateway.start(cfg, ledger, null, keys, observations).toCompletionStage().toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            System.err.println("gearbox: could not start: " + (cause instanceof ConfigException ? "" : cause.getClass().getSimpleName() + ": ") + cause.getMessage());
            ledger.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable shutdown = () -> {
            if (!closed.compareAndSet(false, true)) return;
            LOG.info("shutting down");
            gateway.close();
            stopped.countDown();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "gearbox-shutdown"));
        // SIGTERM is the orderly stop (containers, systemd): drain, flush the ledger, and exit 0, not 143
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), sig -> Thread.ofPlatform().name("gearbox-sigterm").start(() -> {
                shutdown.run();
                System.exit(0);
            }));
        } catch (IllegalArgumentException unsupported) {
            LOG.debug("SIGTERM cannot be handled on this platform; the shutdown hook still drains");
        }
        ConfigWatch watch = config == null ? null : ConfigWatch.start(config, this::load, gateway);
        String url = "http://" + cfg.server().host() + ":" + gateway.port();
        DemoTraffic demo = config == null && demoTraffic && cfg.governance().adminToken().present()
                ? new DemoTraffic(url, cfg.governance().adminToken().reveal(), DemoTraffic.PERIOD_MS) : null;
        System.out.println("Gearbox is listening on " + url + "  (config: " + cfg.source() + ")");
        System.out.println("Try:");
        System.out.println("  curl -s " + url + "/v1/chat/completions -H 'content-type: application/json' \\");
        System.out.println("    -d '{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}'");
        System.out.println("Ledger: " + describe(cfg) + "    Spend and savings: ./gearbox report"
                + (config == null ? "" : " --config " + config));
        System.out.println("Mode: " + cfg.defaultMode() + (cfg.defaultMode().equals("observe")
                ? " (routing decisions are recorded, requests go to the model they name; review with ./gearbox report --observe, then set observe.mode: route)"
                : " (routing decisions are executed)"));
        System.out.println("Models: " + url + "/v1/models    Health: " + url + "/healthz    Metrics: " + url + "/metrics    Stop: Ctrl-C");
        if (!cfg.governance().adminToken().present()) {
            System.out.println("Dashboard: off (set auth.admin_token_env in the config to turn it on)");
        } else if (demoToken != null) {
            System.out.println("Dashboard: " + url + "/ui/    admin token for this run: " + demoToken
                    + "  (made up at start; set GEARBOX_ADMIN_TOKEN to choose one)");
        } else {
            System.out.println("Dashboard: " + url + "/ui/    sign in with the admin token (" + cfg.governance().adminToken().source() + ")");
        }
        if (demo != null) System.out.println("Demo traffic: a request a second through the gateway, from three demo keys and none "
                + "(--no-demo-traffic turns it off)");
        System.out.flush();
        stopped.await();
        if (demo != null) demo.close();
        if (watch != null) watch.close();
        return 0;
    }

    /** The environment for the built-in demo: the real one, plus an admin token made up for this run when none is set. */
    private java.util.function.Function<String, String> demoEnv() {
        String set = System.getenv(DemoConfig.ADMIN_TOKEN_ENV);
        if ((set == null || set.isBlank()) && demoToken == null) {
            byte[] b = new byte[18];
            new java.security.SecureRandom().nextBytes(b);
            demoToken = "demo-" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        }
        return var -> DemoConfig.ADMIN_TOKEN_ENV.equals(var) && (set == null || set.isBlank()) ? demoToken : System.getenv(var);
    }

    private static GearboxConfig demoConfig(java.util.function.Function<String, String> env) {
        return ConfigLoader.parse(DemoConfig.yaml(env), DemoConfig.FILE, env, Gateway.providerKinds());
    }

    private static String describe(GearboxConfig cfg) {
        var l = cfg.ledger();
        return switch (l.store()) {
            case "sqlite" -> l.path().toAbsolutePath().toString();
            case "postgres" -> l.url() + " (schema " + l.schema() + ")";
            default -> "in memory (not kept)";
        };
    }

    private GearboxConfig load() {
        GearboxConfig cfg = config == null
                ? demoConfig(demoEnv())
                : ConfigLoader.load(config, System::getenv, Gateway.providerKinds());
        if (port == null && host == null) return cfg;
        ServerConfig s = cfg.server();
        return cfg.withServer(s.at(host == null ? s.host() : host, port == null ? s.port() : port));
    }
}
