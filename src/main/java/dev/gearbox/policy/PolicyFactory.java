package dev.gearbox.policy;

import dev.gearbox.config.PolicyConfig;

/**
 * Builds one type of policy from its YAML body, validating it against the fleet so a typo in a
 * model name fails at start-up, not on the first request.
 */
@FunctionalInterface
public interface PolicyFactory {
    Policy create(PolicyConfig config, PolicySetup setup);
}
