package dev.gearbox.providers;

import dev.gearbox.config.ProviderConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Provider kinds by name ({@code openai}, {@code anthropic}, ...), registered explicitly by the app. */
public final class ProviderRegistry {
    private final Map<String, ProviderFactory> factories = new LinkedHashMap<>();

    public ProviderRegistry register(String kind, ProviderFactory factory) {
        if (factories.putIfAbsent(kind, factory) != null) throw new IllegalArgumentException("provider kind registered twice: " + kind);
        return this;
    }

    public Set<String> kinds() {
        return Set.copyOf(factories.keySet());
    }

    public ProviderAdapter create(ProviderConfig config, Vertx vertx, HttpClient client) {
        ProviderFactory f = factories.get(config.kind());
        if (f == null) {
            throw new IllegalArgumentException("Unknown provider kind '" + config.kind() + "' for provider '"
                    + config.name() + "'. Tried: " + String.join(", ", factories.keySet()));
        }
        return f.create(config, vertx, client);
    }
}
