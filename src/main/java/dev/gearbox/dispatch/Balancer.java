package dev.gearbox.dispatch;

import dev.gearbox.config.Deployment;
import dev.gearbox.config.ResilienceConfig.Balancing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Orders one model's deployments for a request. Deployments whose breaker is open are left out;
 * those short of rate-limit capacity for the request go last (tried only if the others fail); the
 * rest are ordered by the configured strategy.
 */
final class Balancer {
    /** A model's deployments for one request: those to try, in order, and those left out as open. */
    record Order(List<Deployment> usable, List<Deployment> open) {}

    private final Balancing strategy;
    private final DoubleSupplier random;

    Balancer(Balancing strategy, DoubleSupplier random) {
        this.strategy = strategy;
        this.random = random;
    }

    Order order(List<Deployment> deployments, Health health, int estimatedTokens) {
        if (deployments.size() == 1) {
            Deployment d = deployments.get(0);
            return health.of(d).breaker().allows() ? new Order(deployments, List.of()) : new Order(List.of(), deployments);
        }
        List<Deployment> ready = new ArrayList<>(deployments.size());
        List<Deployment> short_ = new ArrayList<>(2);
        List<Deployment> open = new ArrayList<>(2);
        for (Deployment d : deployments) {
            Health.State s = health.of(d);
            if (!s.breaker().allows()) open.add(d);
            else if (!s.capacity().has(estimatedTokens)) short_.add(d);
            else ready.add(d);
        }
        sort(ready, health);
        sort(short_, health);
        ready.addAll(short_);
        return new Order(ready, open);
    }

    private void sort(List<Deployment> ds, Health health) {
        if (ds.size() < 2) return;
        switch (strategy) {
            case ORDERED -> { }
            case LEAST_OUTSTANDING -> {
                // snapshot the live counters first: a comparator must not see them change mid-sort
                java.util.Map<Deployment, double[]> keys = new java.util.IdentityHashMap<>();
                for (Deployment d : ds) {
                    Health.State s = health.of(d);
                    keys.put(d, new double[] {(s.outstanding() + 1.0) / d.weight(), (s.picks() + 1.0) / d.weight()});
                }
                ds.sort(Comparator.comparingDouble((Deployment d) -> keys.get(d)[0]).thenComparingDouble(d -> keys.get(d)[1]));
            }
            case WEIGHTED -> {
                double total = 0;
                for (Deployment d : ds) total += d.weight();
                double x = random.getAsDouble() * total;
                int pick = 0;
                for (int i = 0; i < ds.size(); i++) {
                    x -= ds.get(i).weight();
                    if (x < 0) {
                        pick = i;
                        break;
                    }
                }
                Deployment first = ds.remove(pick);
                ds.sort(Comparator.comparingInt(Deployment::weight).reversed());
                ds.add(0, first);
            }
        }
    }
}
