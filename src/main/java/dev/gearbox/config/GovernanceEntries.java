package dev.gearbox.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Reads the optional {@code auth:}, {@code limits:} and {@code tiers:} sections into one {@link GovernanceConfig}. */
final class GovernanceEntries {
    private GovernanceEntries() {}

    static GovernanceConfig parse(ConfigNode auth, ConfigNode limits, ConfigNode tiers, Function<String, String> env) {
        GovernanceConfig d = GovernanceConfig.DEFAULTS;
        boolean require = d.requireKeys();
        Secret admin = Secret.NONE;
        if (auth != null && !auth.isNull()) {
            auth.allowOnly("require_keys", "admin_token_env");
            require = auth.bool("require_keys", false);
            if (auth.has("admin_token_env")) {
                String var = auth.require("admin_token_env").asString().trim();
                String value = env.apply(var);
                if (value == null || value.isBlank()) {
                    throw auth.require("admin_token_env").error("environment variable " + var + " is not set",
                            "export it, or remove admin_token_env to turn the admin API off");
                }
                if (value.length() < 16) {
                    throw auth.require("admin_token_env").error("the admin token in " + var + " is shorter than 16 characters",
                            "use a long random value, e.g. openssl rand -hex 24");
                }
                admin = Secret.of(value, "env " + var);
            }
        }
        String store = d.limitsStore();
        String url = null;
        String prefix = d.redisPrefix();
        if (limits != null && !limits.isNull()) {
            limits.allowOnly("store", "url", "prefix");
            store = limits.string("store", store);
            if (!store.equals("memory") && !store.equals("redis")) {
                throw limits.require("store").error("unknown limits store '" + store + "'", "use memory (this process) or redis (shared by replicas)");
            }
            url = limits.string("url", store.equals("redis") ? "redis://127.0.0.1:6379" : null);
            if (url != null && !url.startsWith("redis://") && !url.startsWith("rediss://")) {
                throw limits.require("url").error("a Redis URL starts with redis:// or rediss://", "e.g. redis://127.0.0.1:6379");
            }
            prefix = limits.string("prefix", prefix);
        }
        Map<String, GovernanceConfig.TierCap> caps = new LinkedHashMap<>();
        if (tiers != null && !tiers.isNull()) {
            if (!tiers.isMap()) throw tiers.error("tiers must map a caller tier to its caps", "e.g. batch: {max_output_tokens: 512, on_exceed: cap}");
            for (Map.Entry<String, ConfigNode> e : tiers.map().entrySet()) {
                ConfigNode t = e.getValue();
                t.allowOnly("max_output_tokens", "max_cost_usd", "on_exceed");
                int maxOut = t.integer("max_output_tokens", 0);
                double maxCost = t.number("max_cost_usd", 0);
                if (maxOut < 0 || maxCost < 0) throw t.error("caps cannot be negative", "use 0 for no cap");
                String onExceed = t.string("on_exceed", "cap");
                if (!onExceed.equals("cap") && !onExceed.equals("refuse")) {
                    throw t.require("on_exceed").error("on_exceed must be cap or refuse", "cap lowers max_tokens; refuse turns the request away");
                }
                caps.put(e.getKey(), new GovernanceConfig.TierCap(maxOut, maxCost, onExceed.equals("refuse")));
            }
        }
        return new GovernanceConfig(require, admin, store, url, prefix, caps);
    }
}
