package dev.gearbox.policy;

import dev.gearbox.config.PolicyConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** Policy types by name, registered explicitly by the app; a miss lists what exists. */
public final class PolicyRegistry {
    private final Map<String, PolicyFactory> factories = new LinkedHashMap<>();

    public PolicyRegistry register(String type, PolicyFactory factory) {
        if (factories.putIfAbsent(type, factory) != null) throw new IllegalArgumentException("policy type registered twice: " + type);
        return this;
    }

    public Policy create(PolicyConfig config, PolicySetup setup) {
        PolicyFactory f = factories.get(config.type());
        if (f == null) {
            throw config.body().error("unknown policy type '" + config.type() + "'",
                    "use one of " + String.join(", ", factories.keySet()));
        }
        return f.create(config, setup);
    }
}
