package dev.gearbox.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.LedgerConfig;
import dev.gearbox.ledger.LedgerQueries;
import dev.gearbox.ledger.LedgerStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gearbox report}: spend, savings against the baseline model, counts, latency and fallback rates, from the ledger. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Spend and savings from the ledger: cost, savings against the baseline model, requests, p50/p95 latency, fallback and escalation rates.")
public final class ReportCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "gearbox.yaml", description = "The gateway's config (its ledger section says where the records are). Default: the demo's ledger.")
    Path config;

    @Option(names = "--since", defaultValue = "7d", paramLabel = "DURATION", description = "How far back: 30m, 24h, 7d, ... (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--by", defaultValue = "model", paramLabel = "GROUP", description = "Group by model, route, key, feature or all (default: ${DEFAULT-VALUE}).")
    String by;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--observe", description = "Report the observation window: would-have-routed models, projected savings with a 95% interval, shadow-test quality per route, shadow policies, feedback.")
    boolean observe;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LedgerQueries.By group;
        try {
            group = LedgerQueries.By.valueOf(by.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--by must be one of model, route, key, feature, all");
        }
        long window = parse(since);
        LedgerConfig lc = config == null ? LedgerConfig.DEFAULTS
                : ConfigLoader.load(config, System::getenv, Gateway.providerKinds()).ledger();
        if (lc.store().equals("memory")) {
            spec.commandLine().getErr().println("gearbox report: this config keeps its ledger in memory; nothing to report");
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (observe) {
            try (LedgerStore store = LedgerStore.open(lc)) {
                ObserveReport.print(new dev.gearbox.ledger.ObserveQueries(store.dataSource()), System.currentTimeMillis() - window,
                        since, store.toString(), json, out);
            }
            out.flush();
            return 0;
        }
        try (LedgerStore store = LedgerStore.open(lc)) {
            List<LedgerQueries.Row> rows = new LedgerQueries(store.dataSource()).summary(System.currentTimeMillis() - window, group);
            if (json) out.println(toJson(rows, group));
            else out.print(table(rows, group, since, store.toString()));
        }
        out.flush();
        return 0;
    }

    static long parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.length() < 2) throw new IllegalArgumentException("bad duration " + s);
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 'm' -> Duration.ofMinutes(n).toMillis();
            case 'h' -> Duration.ofHours(n).toMillis();
            case 'd' -> Duration.ofDays(n).toMillis();
            default -> throw new IllegalArgumentException("a duration ends in m, h or d: " + s);
        };
    }

    static String toJson(List<LedgerQueries.Row> rows, LedgerQueries.By by) throws Exception {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("by", by.name().toLowerCase(Locale.ROOT));
        o.put("rows", rows.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", r.group());
            m.put("requests", r.requests());
            m.put("errors", r.errors());
            m.put("cost_usd", r.costUsd());
            m.put("baseline_cost_usd", r.baselineCostUsd());
            m.put("savings_usd", r.savingsUsd());
            m.put("savings_percent", r.savingsPercent());
            m.put("p50_ms", r.p50Ms());
            m.put("p95_ms", r.p95Ms());
            m.put("fallback_rate", r.fallbackRate());
            m.put("escalation_rate", r.escalationRate());
            m.put("input_tokens", r.inputTokens());
            m.put("output_tokens", r.outputTokens());
            return m;
        }).toList());
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o);
    }

    static String table(List<LedgerQueries.Row> rows, LedgerQueries.By by, String since, String where) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Ledger %s, last %s, by %s%n%n", where, since, by.name().toLowerCase(Locale.ROOT)));
        b.append(String.format(Locale.ROOT, "%-28s %9s %7s %12s %12s %12s %7s %8s %8s %7s %7s%n", by.name().toLowerCase(Locale.ROOT),
                "requests", "errors", "cost $", "baseline $", "saved $", "saved", "p50 ms", "p95 ms", "fallbk", "escal"));
        double cost = 0, base = 0, saved = 0;
        long n = 0;
        for (LedgerQueries.Row r : rows) {
            b.append(String.format(Locale.ROOT, "%-28s %9d %7d %12.6f %12.6f %12.6f %6.1f%% %8d %8d %6.1f%% %6.1f%%%n",
                    cut(r.group()), r.requests(), r.errors(), r.costUsd(), r.baselineCostUsd(), r.savingsUsd(),
                    r.savingsPercent(), r.p50Ms(), r.p95Ms(), 100 * r.fallbackRate(), 100 * r.escalationRate()));
            cost += r.costUsd();
            base += r.baselineCostUsd();
            saved += r.savingsUsd();
            n += r.requests();
        }
        b.append(String.format(Locale.ROOT, "%-28s %9d %7s %12.6f %12.6f %12.6f %6.1f%%%n", "total", n, "", cost, base, saved,
                base <= 0 ? 0 : 100 * saved / base));
        return b.toString();
    }

    private static String cut(String s) {
        return s.length() <= 28 ? s : s.substring(0, 27) + "~";
    }

}
