package dev.gearbox.config;

import dev.gearbox.catalog.Catalog;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One loaded, validated configuration: an immutable snapshot that a reload replaces whole.
 * Every deployment names a provider in {@code providers} and a model in {@code catalog}; every
 * alias points at a deployed model or at {@code auto}.
 */
public record GearboxConfig(ServerConfig server, List<ProviderConfig> providers, List<Deployment> deployments,
                            Catalog catalog, Map<String, String> aliases, RoutingConfig routing, LedgerConfig ledger,
                            TelemetryConfig telemetry, ResilienceConfig resilience, GovernanceConfig governance, ObserveConfig observe, String source) {
    /** The model name that asks the routing policy to choose. */
    public static final String AUTO = "auto";

    public GearboxConfig {
        if (ledger == null) ledger = LedgerConfig.DEFAULTS;
        if (telemetry == null) telemetry = TelemetryConfig.OFF;
        if (resilience == null) resilience = ResilienceConfig.DEFAULTS;
        if (governance == null) governance = GovernanceConfig.DEFAULTS;
        if (observe == null) observe = ObserveConfig.DEFAULTS;
        providers = List.copyOf(providers);
        deployments = List.copyOf(deployments);
        aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
    }

    /** The same config listening elsewhere (command-line --host/--port overrides, tests on port 0). */
    public GearboxConfig withServer(ServerConfig newServer) {
        return new GearboxConfig(newServer, providers, deployments, catalog, aliases, routing, ledger, telemetry, resilience, governance, observe, source);
    }

    public GearboxConfig withLedger(LedgerConfig newLedger) {
        return new GearboxConfig(server, providers, deployments, catalog, aliases, routing, newLedger, telemetry, resilience, governance, observe, source);
    }

    /** The mode when the config sets none: observe as soon as a real provider (not simulated or replay) is configured. */
    public String defaultMode() {
        if (observe.mode() != null) return observe.mode();
        boolean real = providers.stream().anyMatch(p -> !p.kind().equals("simulated") && !p.kind().equals("replay"));
        return real ? ObserveConfig.OBSERVE : ObserveConfig.ROUTE;
    }

    public Optional<ProviderConfig> provider(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Deployments serving a catalog model id, in file order. */
    public List<Deployment> deploymentsFor(String modelId) {
        return deployments.stream().filter(d -> d.model().equals(modelId)).toList();
    }

    /**
     * What a client's {@code model} means: a configured alias first (so an alias may redirect a
     * catalog name), then a catalog id or alias; the result is a catalog id or {@link #AUTO}.
     */
    public Optional<String> resolveModel(String requested) {
        if (requested == null) return Optional.empty();
        String target = aliases.get(requested);
        if (target != null) return Optional.of(target);
        if (AUTO.equals(requested)) return Optional.of(AUTO);
        return catalog.find(requested).map(m -> m.id());
    }
}
