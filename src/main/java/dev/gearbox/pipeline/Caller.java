package dev.gearbox.pipeline;

import java.util.List;
import java.util.Map;

/**
 * Who is asking and in which capacity: the key id (never the key itself), the feature tag from
 * {@code x-gearbox-tag}, the tier the caller runs in ({@code interactive} or {@code batch}, header
 * {@code x-gearbox-tier}), the plan ({@code free} or {@code paid}, header {@code x-gearbox-plan}),
 * the latency SLA in milliseconds ({@code x-gearbox-latency-sla-ms}, 0 = none), the request's
 * metadata, and what the caller's key allows: models (empty = any) and the budget left in USD
 * (null = unlimited), and the key's team.
 */
public record Caller(String keyId, String tag, String tier, String plan, int latencySlaMs, Map<String, String> metadata,
                     List<String> allowedModels, Double budgetLeftUsd, String team) {
    public static final String ANONYMOUS = "anonymous";

    public Caller {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        allowedModels = allowedModels == null ? List.of() : List.copyOf(allowedModels);
        latencySlaMs = Math.max(0, latencySlaMs);
    }

    public Caller(String keyId, String tag, String tier, Map<String, String> metadata) {
        this(keyId, tag, tier, null, 0, metadata, List.of(), null, null);
    }

    public Caller(String keyId, String tag, String tier, String plan, int latencySlaMs, Map<String, String> metadata,
                  List<String> allowedModels, Double budgetLeftUsd) {
        this(keyId, tag, tier, plan, latencySlaMs, metadata, allowedModels, budgetLeftUsd, null);
    }

    /** The same caller identified by a virtual key: its id, team, tier (when the key sets one) and allowed models. */
    public Caller withKey(String id, String keyTeam, String keyTier, List<String> allowed) {
        return new Caller(id, tag, keyTier != null ? keyTier : tier, plan, latencySlaMs, metadata, allowed, budgetLeftUsd, keyTeam);
    }

    public Caller withBudgetLeft(Double usd) {
        return new Caller(keyId, tag, tier, plan, latencySlaMs, metadata, allowedModels, usd, team);
    }

    /** Batch callers accept latency for price; everything else is interactive. */
    public boolean batch() {
        return "batch".equalsIgnoreCase(tier);
    }

    public boolean free() {
        return "free".equalsIgnoreCase(plan);
    }

    public boolean allows(String model) {
        return allowedModels.isEmpty() || allowedModels.contains(model);
    }
}
