package dev.gearbox.config;

import java.util.Map;

/**
 * Who may call and how much: whether a virtual key is required ({@code auth:}), the admin token
 * for the key API, where rate limits and budgets are counted ({@code limits:}: this process, or
 * Redis shared by every replica), and per-request caps by caller tier ({@code tiers:}).
 */
public record GovernanceConfig(boolean requireKeys, Secret adminToken, String limitsStore, String redisUrl,
                               String redisPrefix, Map<String, TierCap> tiers) {
    public static final GovernanceConfig DEFAULTS = new GovernanceConfig(false, Secret.NONE, "memory", null, "gearbox", Map.of());

    public GovernanceConfig {
        tiers = Map.copyOf(tiers);
        if (adminToken == null) adminToken = Secret.NONE;
    }

    public boolean redis() {
        return "redis".equals(limitsStore);
    }

    /**
     * A per-request cap for one caller tier: the most output tokens, and the most a request may
     * cost (priced at the chosen model with its output cap). {@code refuse} turns the request away;
     * otherwise its {@code max_tokens} is lowered to fit.
     */
    public record TierCap(int maxOutputTokens, double maxCostUsd, boolean refuse) {}
}
