package dev.gearbox.providers;

import dev.gearbox.config.ProviderConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;

/** Builds the adapter for one configured provider account. */
@FunctionalInterface
public interface ProviderFactory {
    ProviderAdapter create(ProviderConfig config, Vertx vertx, HttpClient client);
}
