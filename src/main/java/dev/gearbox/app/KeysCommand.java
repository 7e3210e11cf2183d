package dev.gearbox.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.LedgerConfig;
import dev.gearbox.governance.JdbcKeyStore;
import dev.gearbox.governance.Keys;
import dev.gearbox.governance.VirtualKey;
import dev.gearbox.ledger.LedgerStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gearbox keys create | list | revoke}: virtual keys in the ledger's database (the one the
 * config's {@code ledger:} names), which every gateway on that database picks up within seconds.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list and revoke virtual keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public final class KeysCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every keys subcommand takes. */
    static class Store {
        @Option(names = "--config", paramLabel = "gearbox.yaml", description = "The gateway's config (its ledger section says where keys live). Default: the demo's ledger.")
        Path config;

        LedgerConfig ledger() {
            return config == null ? LedgerConfig.DEFAULTS : ConfigLoader.load(config, System::getenv, Gateway.providerKinds()).ledger();
        }
    }

    static int withKeys(Store s, CommandLine.Model.CommandSpec spec, java.util.function.Function<Keys, Integer> action) {
        LedgerConfig lc = s.ledger();
        if (lc.store().equals("memory")) {
            spec.commandLine().getErr().println("gearbox keys: this config keeps its ledger in memory; keys need sqlite or postgres");
            return 2;
        }
        try (LedgerStore store = LedgerStore.open(lc)) {
            return action.apply(new Keys(new JdbcKeyStore(store.dataSource()), System::currentTimeMillis));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key; its secret is printed once.")
    static final class Create implements Callable<Integer> {
        @CommandLine.Mixin Store store = new Store();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--name", required = true, description = "What the key is for.") String name;
        @Option(names = "--team", description = "The team it bills to.") String team;
        @Option(names = "--tier", description = "The tier its requests run in (e.g. interactive, batch).") String tier;
        @Option(names = "--models", split = ",", paramLabel = "M", description = "Models or routes it may use (default: any).") List<String> models = new ArrayList<>();
        @Option(names = "--rpm", description = "Requests per minute (0 = no limit).") int rpm;
        @Option(names = "--tpm", description = "Tokens per minute (0 = no limit).") int tpm;
        @Option(names = "--daily-usd", description = "USD per UTC day (0 = no budget).") double dailyUsd;
        @Option(names = "--monthly-usd", description = "USD per UTC month (0 = no budget).") double monthlyUsd;
        @Option(names = "--mode", description = "observe (decide and record, serve as asked) or route (default: the route's or the gateway's).") String mode;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() {
            if (mode != null && !mode.equals("observe") && !mode.equals("route")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--mode is observe or route");
            }
            if (rpm < 0 || tpm < 0 || dailyUsd < 0 || monthlyUsd < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "limits and budgets cannot be negative (0 = none)");
            }
            return withKeys(store, spec, keys -> {
                Keys.Created c = keys.create(name, team, tier, models, rpm, tpm, dailyUsd, monthlyUsd, mode);
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    Map<String, Object> m = describe(c.key());
                    m.put("secret", c.secret());
                    out.println(toJson(m));
                } else {
                    out.println("Created key " + c.key().id() + " (" + c.key().name() + ")");
                    out.println("Secret (shown once; Gearbox keeps only its hash):");
                    out.println("  " + c.secret());
                }
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (never their secrets).")
    static final class ListKeys implements Callable<Integer> {
        @CommandLine.Mixin Store store = new Store();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() {
            return withKeys(store, spec, keys -> {
                PrintWriter out = spec.commandLine().getOut();
                List<VirtualKey> all = keys.list();
                if (json) {
                    out.println(toJson(all.stream().map(KeysCommand::describe).toList()));
                } else {
                    out.printf(Locale.ROOT, "%-16s %-18s %-12s %-12s %6s %8s %10s %10s  %-8s %s%n", "id", "name", "team", "tier",
                            "rpm", "tpm", "daily $", "monthly $", "status", "models");
                    for (VirtualKey k : all) {
                        out.printf(Locale.ROOT, "%-16s %-18s %-12s %-12s %6d %8d %10.2f %10.2f  %-8s %s%n", k.id(), cut(k.name()),
                                dash(k.team()), dash(k.tier()), k.rpm(), k.tpm(), k.dailyUsd(), k.monthlyUsd(),
                                k.revoked() ? "revoked" : "active", k.allowed().isEmpty() ? "any" : String.join(",", k.allowed()));
                    }
                }
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by id.")
    static final class Revoke implements Callable<Integer> {
        @CommandLine.Mixin Store store = new Store();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ID", description = "The key's id (vk_...).") String id;

        @Override
        public Integer call() {
            return withKeys(store, spec, keys -> {
                if (!keys.revoke(id)) {
                    spec.commandLine().getErr().println("gearbox keys: no active key with id " + id);
                    return 1;
                }
                spec.commandLine().getOut().println("Revoked " + id);
                spec.commandLine().getOut().flush();
                return 0;
            });
        }
    }

    static Map<String, Object> describe(VirtualKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("name", k.name());
        m.put("team", k.team());
        m.put("tier", k.tier());
        m.put("models", k.allowed());
        m.put("rpm", k.rpm());
        m.put("tpm", k.tpm());
        m.put("daily_usd", k.dailyUsd());
        m.put("monthly_usd", k.monthlyUsd());
        m.put("mode", k.mode());
        m.put("created_at", Instant.ofEpochMilli(k.createdAt()).toString());
        m.put("revoked_at", k.revokedAt() == null ? null : Instant.ofEpochMilli(k.revokedAt()).toString());
        return m;
    }

    private static String toJson(Object o) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    private static String cut(String s) {
        return s.length() <= 18 ? s : s.substring(0, 17) + "~";
    }
}
