package dev.gearbox.config;

import java.util.List;
import java.util.Optional;

/**
 * The routing section: the named policies, the one {@code model: auto} uses ({@code defaultPolicy},
 * null when there are none), and the model savings are measured against ({@code baseline}, a
 * catalog id, or null).
 */
public record RoutingConfig(String defaultPolicy, String baseline, List<PolicyConfig> policies) {
    public static final RoutingConfig NONE = new RoutingConfig(null, null, List.of());

    public RoutingConfig {
        policies = policies == null ? List.of() : List.copyOf(policies);
    }

    public Optional<PolicyConfig> policy(String name) {
        return policies.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
