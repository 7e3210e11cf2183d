package dev.gearbox.governance;

import java.util.List;

/**
 * A key Gearbox issued to a team: who it belongs to, the tier its requests run in, what it may
 * use (models or route names; empty = anything), its limits (0 = none), and its mode (observe or
 * route; null = the route's or the gateway's). Only the SHA-256 of
 * the secret is kept; the secret itself is shown once, when the key is created.
 */
public record VirtualKey(String id, String name, String team, String tier, List<String> allowed, int rpm, int tpm,
                         double dailyUsd, double monthlyUsd, long createdAt, Long revokedAt, String secretHash, String mode) {
    public VirtualKey {
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    public VirtualKey(String id, String name, String team, String tier, List<String> allowed, int rpm, int tpm,
                      double dailyUsd, double monthlyUsd, long createdAt, Long revokedAt, String secretHash) {
        this(id, name, team, tier, allowed, rpm, tpm, dailyUsd, monthlyUsd, createdAt, revokedAt, secretHash, null);
    }

    public VirtualKey revokedAt(long epochMillis) {
        return new VirtualKey(id, name, team, tier, allowed, rpm, tpm, dailyUsd, monthlyUsd, createdAt, epochMillis, secretHash, mode);
    }

    /** Whether the key may use a model or route by this name. */
    public boolean allows(String modelOrRoute) {
        return allowed.isEmpty() || allowed.contains(modelOrRoute);
    }
}
