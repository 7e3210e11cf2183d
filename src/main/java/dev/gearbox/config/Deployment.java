package dev.gearbox.config;

/**
 * A model served by one provider account: {@code model} is the catalog name clients and policies
 * use, {@code upstreamModel} the name the provider expects. Several deployments may serve one
 * model (keys, regions, providers); {@code weight}, {@code rpm} and {@code tpm} feed load balancing.
 */
public record Deployment(String id, String model, String upstreamModel, ProviderConfig provider,
                         int weight, int rpm, int tpm) {
    public Deployment {
        if (weight <= 0) weight = 1;
    }

    public static Deployment of(String model, ProviderConfig provider) {
        return new Deployment(provider.name() + "/" + model, model, model, provider, 1, 0, 0);
    }
}
