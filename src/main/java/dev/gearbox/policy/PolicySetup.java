package dev.gearbox.policy;

import dev.gearbox.catalog.Fleet;
import java.util.Set;
import java.util.function.Function;

/**
 * What a policy factory may use: the fleet it routes over, the names of all configured policies
 * (to validate delegation), and a late-bound lookup of them (to delegate at decision time).
 */
public record PolicySetup(Fleet fleet, Set<String> policyNames, Function<String, Policy> policies) {}
