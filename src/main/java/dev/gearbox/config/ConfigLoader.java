package dev.gearbox.config;

import dev.gearbox.catalog.Catalog;
import dev.gearbox.catalog.CatalogEntries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a Gearbox YAML file into a validated {@link GearboxConfig}, or fails with a
 * {@link ConfigException} that names the file, the line and the fix. Every cross-reference is
 * checked here (deployment to provider and catalog, alias to deployed model, routing default to
 * policy) so that a typo fails at start-up, not on the first request that needs it.
 */
public final class ConfigLoader {
    /** The top-level sections; another stage that needs its own section adds its name here. */
    static final String[] SECTIONS = {"server", "providers", "deployments", "catalog", "aliases", "routing", "ledger", "telemetry", "resilience", "auth", "limits", "tiers", "observe"};

    private final Function<String, String> env;
    private final Set<String> providerKinds;
    private final Catalog baseCatalog;

    /**
     * @param env           environment lookup for {@code ${NAME}} and {@code api_key_env} (System::getenv in production)
     * @param providerKinds adapter kinds the app registered; a provider's {@code kind} must be one of them
     * @param baseCatalog   the catalog the file's {@code catalog:} entries are merged into
     */
    public ConfigLoader(Function<String, String> env, Set<String> providerKinds, Catalog baseCatalog) {
        this.env = Objects.requireNonNull(env, "env");
        this.providerKinds = Set.copyOf(providerKinds);
        this.baseCatalog = Objects.requireNonNull(baseCatalog, "baseCatalog");
    }

    /** Loads a file against the shipped catalog. */
    public static GearboxConfig load(Path file, Function<String, String> env, Set<String> providerKinds) {
        return new ConfigLoader(env, providerKinds, Catalog.shipped()).load(file);
    }

    /** Parses YAML text against the shipped catalog; {@code fileName} is used in error messages. */
    public static GearboxConfig parse(String yaml, String fileName, Function<String, String> env, Set<String> providerKinds) {
        return new ConfigLoader(env, providerKinds, Catalog.shipped()).parse(yaml, fileName);
    }

    /** Loads a file; a relative {@code api_key_file} is resolved against the file's folder. */
    public GearboxConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, "", "cannot read the config file (" + e.getClass().getSimpleName() + ")",
                    "check the path given with --config");
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), dir == null ? Path.of("") : dir);
    }

    /** Parses YAML text; a relative {@code api_key_file} is resolved against the working directory. */
    public GearboxConfig parse(String yaml, String fileName) {
        return parse(yaml, fileName, Path.of(""));
    }

    private GearboxConfig parse(String yaml, String fileName, Path baseDir) {
        ConfigNode root = ConfigNode.parse(yaml, fileName, env);
        if (!root.isMap()) throw root.error("the config file must be a map of sections", "start with e.g. 'providers:'");
        root.allowOnly(SECTIONS);
        ServerConfig server = server(root.get("server"));
        List<ProviderConfig> providers = section(root, "providers",
                n -> ProviderEntries.parse(n, providerKinds, env, baseDir));
        Catalog catalog = root.has("catalog") ? CatalogEntries.mergeInto(baseCatalog, root.get("catalog")) : baseCatalog;
        List<Deployment> deployments = section(root, "deployments", n -> DeploymentEntries.parse(n, providers, catalog));
        RoutingConfig routing = root.has("routing") ? routing(root.get("routing"), catalog) : RoutingConfig.NONE;
        Map<String, String> aliases = root.has("aliases")
                ? aliases(root.get("aliases"), catalog, deployments, routing) : Map.of();
        return new GearboxConfig(server, providers, deployments, catalog, aliases, routing, ledger(root.get("ledger"), env),
                telemetry(root.get("telemetry")), ResilienceEntries.parse(root.get("resilience")),
                GovernanceEntries.parse(root.get("auth"), root.get("limits"), root.get("tiers"), env),
                ObserveEntries.parse(root.get("observe"), routing, catalog), fileName);
    }

    private static <T> List<T> section(ConfigNode root, String key, Function<ConfigNode, List<T>> reader) {
        return root.has(key) ? reader.apply(root.get(key)) : List.of();
    }

    private static TelemetryConfig telemetry(ConfigNode node) {
        if (node == null || node.isNull()) return TelemetryConfig.OFF;
        node.allowOnly("otlp_endpoint", "service_name");
        String endpoint = node.string("otlp_endpoint", null);
        if (endpoint != null && !(endpoint.startsWith("http://") || endpoint.startsWith("https://"))) {
            throw node.require("otlp_endpoint").error("the OTLP endpoint must be an http(s) URL", "e.g. http://127.0.0.1:4318/v1/traces");
        }
        return new TelemetryConfig(endpoint, node.string("service_name", "gearbox"));
    }

    private static LedgerConfig ledger(ConfigNode node, Function<String, String> env) {
        if (node == null || node.isNull()) return LedgerConfig.DEFAULTS;
        node.allowOnly("store", "path", "url", "user", "password_env", "password_file", "schema", "redact", "queue", "batch");
        LedgerConfig d = LedgerConfig.DEFAULTS;
        String store = node.string("store", d.store());
        if (!java.util.Set.of("sqlite", "postgres", "memory").contains(store)) {
            throw node.require("store").error("unknown ledger store '" + store + "'", "use sqlite, postgres or memory");
        }
        String url = node.string("url", null);
        if (store.equals("postgres") && (url == null || !url.startsWith("jdbc:postgresql:"))) {
            throw node.error("a postgres ledger needs `url: jdbc:postgresql://HOST:PORT/DB`", "add the JDBC URL");
        }
        String password = null;
        if (node.has("password_env")) {
            String var = node.require("password_env").asString();
            password = env.apply(var);
            if (password == null) throw node.require("password_env").error("environment variable " + var + " is not set", "export it or use password_file");
        } else if (node.has("password_file")) {
            try {
                password = java.nio.file.Files.readString(java.nio.file.Path.of(node.require("password_file").asString())).trim();
            } catch (java.io.IOException e) {
                throw node.require("password_file").error("cannot read the password file: " + e.getMessage(), "check the path");
            }
        }
        LedgerConfig.Redact redact;
        try {
            redact = LedgerConfig.Redact.valueOf(node.string("redact", "none").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw node.require("redact").error("unknown redact mode", "use none, hash or full");
        }
        int queue = node.integer("queue", d.queue());
        int batch = node.integer("batch", d.batch());
        if (queue < 100) throw node.require("queue").error("queue too small", "use at least 100");
        if (batch < 1 || batch > queue) throw node.require("batch").error("batch must be between 1 and queue", "e.g. 500");
        return new LedgerConfig(store, java.nio.file.Path.of(node.string("path", d.path().toString())), url,
                node.string("user", null), password, node.string("schema", "public"), redact, queue, batch);
    }

    private static ServerConfig server(ConfigNode node) {
        if (node == null || node.isNull()) return ServerConfig.DEFAULTS;
        node.allowOnly("host", "port", "max_body_bytes", "max_header_bytes", "header_timeout_ms", "body_timeout_ms");
        String host = node.string("host", ServerConfig.DEFAULT_HOST).trim();
        if (host.isEmpty()) throw node.get("host").error("host is empty", "use 127.0.0.1 (this machine only) or 0.0.0.0 (all interfaces)");
        int port = node.integer("port", ServerConfig.DEFAULT_PORT);
        if (port < 0 || port > 65535) {
            throw node.get("port").error("port " + port + " is out of range", "use a port between 1 and 65535, or 0 for any free port");
        }
        long maxBody = node.longValue("max_body_bytes", ServerConfig.DEFAULT_MAX_BODY_BYTES);
        if (maxBody <= 0) {
            throw node.get("max_body_bytes").error("max_body_bytes must be positive, got " + maxBody,
                    "e.g. " + ServerConfig.DEFAULT_MAX_BODY_BYTES + " (10 MiB)");
        }
        long maxHeader = node.longValue("max_header_bytes", ServerConfig.DEFAULT_MAX_HEADER_BYTES);
        if (maxHeader < 1024 || maxHeader > 1024 * 1024) {
            throw node.get("max_header_bytes").error("max_header_bytes must be between 1024 and 1048576, got " + maxHeader,
                    "e.g. " + ServerConfig.DEFAULT_MAX_HEADER_BYTES + " (32 KiB)");
        }
        long headerTimeout = node.longValue("header_timeout_ms", ServerConfig.DEFAULT_HEADER_TIMEOUT_MS);
        if (headerTimeout <= 0) {
            throw node.get("header_timeout_ms").error("header_timeout_ms must be positive, got " + headerTimeout,
                    "e.g. " + ServerConfig.DEFAULT_HEADER_TIMEOUT_MS);
        }
        long bodyTimeout = node.longValue("body_timeout_ms", ServerConfig.DEFAULT_BODY_TIMEOUT_MS);
        if (bodyTimeout <= 0) {
            throw node.get("body_timeout_ms").error("body_timeout_ms must be positive, got " + bodyTimeout,
                    "e.g. " + ServerConfig.DEFAULT_BODY_TIMEOUT_MS);
        }
        return new ServerConfig(host, port, maxBody, (int) maxHeader, headerTimeout, bodyTimeout);
    }

    /**
     * Reads a policy file for {@code gearbox replay}: a YAML file whose {@code routing:} section is
     * written as in gearbox.yaml (policies and default), checked against {@code catalog}.
     */
    public static RoutingConfig routingFile(Path file, Catalog catalog, Function<String, String> env) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, "", "cannot read the policy file", "check the path given with --policy");
        }
        ConfigNode root = ConfigNode.parse(text, file.toString(), env);
        if (!root.isMap() || !root.has("routing")) throw root.error("a policy file needs a routing: section", "copy the routing section of gearbox.yaml and change it");
        return routing(root.require("routing"), catalog);
    }

    private static RoutingConfig routing(ConfigNode node, Catalog catalog) {
        if (node.isNull()) return RoutingConfig.NONE;
        node.allowOnly("default", "baseline", "policies");
        List<PolicyConfig> policies = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        ConfigNode list = node.get("policies");
        for (ConfigNode p : list == null ? List.<ConfigNode>of() : list.list()) {
            if (!p.isMap()) throw p.error("a policy must be a map", "write it as '- name: ...' with type:");
            ConfigNode nameNode = p.require("name");
            String name = nameNode.asString().trim();
            Integer previous = firstLine.putIfAbsent(name, nameNode.line());
            if (previous != null) {
                throw nameNode.error("duplicate policy name '" + name + "' (first defined at line " + previous + ")",
                        "give each policy its own name");
            }
            policies.add(new PolicyConfig(name, p.require("type").asString().trim(), p));
        }
        List<String> names = policies.stream().map(PolicyConfig::name).toList();
        String dflt = node.string("default", null);
        if (dflt != null && !names.contains(dflt.trim())) {
            List<String> close = DidYouMean.closest(dflt.trim(), names, 1);
            throw node.get("default").error("default policy '" + dflt.trim() + "' is not defined",
                    names.isEmpty() ? "define it under 'policies:' or remove 'default:'"
                            : (close.isEmpty() ? "" : "did you mean '" + close.get(0) + "'? ") + "policies: " + String.join(", ", names));
        }
        if (dflt == null && !policies.isEmpty()) {
            throw node.error("'default' is missing: model 'auto' needs to know which policy to use",
                    "add 'default: " + names.get(0) + "'");
        }
        String baseline = null;
        ConfigNode baselineNode = node.get("baseline");
        if (baselineNode != null && !baselineNode.isNull()) {
            String written = baselineNode.asString().trim();
            baseline = catalog.find(written).map(m -> m.id()).orElseThrow(() -> {
                List<String> close = catalog.closeMatches(written, 3);
                return baselineNode.error("baseline model '" + written + "' is not in the catalog",
                        close.isEmpty() ? "name a catalog model, e.g. the one your apps used before Gearbox"
                                : "did you mean " + String.join(", ", close) + "?");
            });
        }
        return new RoutingConfig(dflt == null ? null : dflt.trim(), baseline, policies);
    }

    private static Map<String, String> aliases(ConfigNode node, Catalog catalog, List<Deployment> deployments,
                                               RoutingConfig routing) {
        List<String> deployed = deployments.stream().map(Deployment::model).distinct().toList();
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> e : node.map().entrySet()) {
            String alias = e.getKey();
            ConfigNode target = e.getValue();
            if (GearboxConfig.AUTO.equals(alias)) {
                throw target.error("'auto' cannot be an alias: it always means the default routing policy",
                        "choose another alias name");
            }
            if (target.isNull()) throw target.error("alias '" + alias + "' points nowhere", "write the model it stands for");
            String written = target.asString().trim();
            if (GearboxConfig.AUTO.equals(written)) {
                if (routing.defaultPolicy() == null) {
                    throw target.error("alias '" + alias + "' points to auto, but no routing policy is defined",
                            "add a policy under 'routing.policies' and set 'routing.default'");
                }
                out.put(alias, GearboxConfig.AUTO);
                continue;
            }
            var model = catalog.find(written);
            if (model.isEmpty()) {
                List<String> close = catalog.closeMatches(written, 3);
                throw target.error("alias '" + alias + "' points to '" + written + "', which is not in the catalog",
                        close.isEmpty() ? "point it at a deployed model: " + String.join(", ", deployed)
                                : "did you mean " + String.join(", ", close) + "?");
            }
            String id = model.get().id();
            if (!deployed.contains(id)) {
                throw target.error("alias '" + alias + "' points to '" + id + "', which has no deployment",
                        "add a deployment for " + id + (deployed.isEmpty() ? "" : ", or point the alias at one of: "
                                + String.join(", ", deployed)));
            }
            out.put(alias, id);
        }
        return out;
    }
}
