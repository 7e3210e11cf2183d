package dev.gearbox.app;

import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.LedgerConfig;
import dev.gearbox.ledger.LedgerQueries;
import dev.gearbox.ledger.LedgerStore;
import dev.gearbox.report.Reports;
import dev.gearbox.report.Window;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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

    @Option(names = "--observe", description = "Report the observation window: would-have-routed models, projected savings with a 95%% interval, shadow-test quality per route, shadow policies, feedback.")
    boolean observe;

    @Option(names = "--view", paramLabel = "VIEW", description = "With --json: print one of the dashboard's documents instead, exactly as "
            + "GET /admin/api/VIEW serves it: summary (default), overview, routes, observation, keys.")
    String view;

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
        Window window;
        try {
            window = Window.parse(since);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--since: " + e.getMessage());
        }
        if (view != null && !VIEWS.contains(view)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--view must be one of " + String.join(", ", VIEWS));
        }
        if (view != null && !json && !view.equals("summary") && !view.equals("observation")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--view " + view + " is a JSON document: add --json");
        }
        LedgerConfig lc = config == null ? LedgerConfig.DEFAULTS
                : ConfigLoader.load(config, System::getenv, Gateway.providerKinds()).ledger();
        if (lc.store().equals("memory")) {
            spec.commandLine().getErr().println("gearbox report: this config keeps its ledger in memory; nothing to report");
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        long from = System.currentTimeMillis() - window.millis();
        try (LedgerStore store = LedgerStore.open(lc)) {
            Reports reports = new Reports(store.dataSource());
            String v = view != null ? view : observe ? "observation" : "summary";
            if (json) {
                out.println(Reports.pretty(switch (v) {
                    case "overview" -> reports.overview(from, from + window.millis(), baseline());
                    case "routes" -> reports.routes(from);
                    case "observation" -> reports.observation(from);
                    case "keys" -> reports.keys(new dev.gearbox.governance.JdbcKeyStore(store.dataSource()).list(), System.currentTimeMillis());
                    default -> reports.summary(from, group);
                }));
            } else if (v.equals("observation")) {
                ObserveReport.print(new dev.gearbox.ledger.ObserveQueries(store.dataSource()), from, since, store.toString(), out);
            } else {
                out.print(table(new LedgerQueries(store.dataSource()).summary(from, group), group, since, store.toString()));
            }
        }
        out.flush();
        return 0;
    }

    /** The dashboard views --view prints (the admin API's document names). */
    static final List<String> VIEWS = List.of("summary", "overview", "routes", "observation", "keys");

    private String baseline() {
        if (config == null) return "demo-frontier";
        return ConfigLoader.load(config, System::getenv, Gateway.providerKinds()).routing().baseline();
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
