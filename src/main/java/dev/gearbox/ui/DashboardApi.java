package dev.gearbox.ui;

import dev.gearbox.dispatch.Health;
import dev.gearbox.ledger.DashboardQueries;
import dev.gearbox.ledger.LedgerQueries;
import dev.gearbox.pipeline.Pipeline;
import dev.gearbox.report.Reports;
import dev.gearbox.report.Window;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The JSON behind each dashboard page under {@code /admin/api/}: {@code summary}, {@code overview},
 * {@code routes}, {@code decisions}, {@code requests/ID}, {@code observation} and {@code keys}, each
 * a {@link Reports} document (what {@code ./gearbox report --json --view NAME} prints) plus what
 * only a running gateway knows (breaker states, the live key list). {@code ?since=24h} sets the
 * window everywhere.
 */
final class DashboardApi {
    static final String DEFAULT_WINDOW = "24h";
    static final int DEFAULT_ROWS = 100;
    static final int MAX_ROWS = 1000;

    private final Reports reports;
    private final Supplier<Pipeline> pipelines;
    private final Health health;
    private final LongSupplier clock;

    DashboardApi(DataSource ds, Supplier<Pipeline> pipelines, Health health, LongSupplier clock) {
        this.reports = new Reports(ds);
        this.pipelines = pipelines;
        this.health = health;
        this.clock = clock;
    }

    /** The query for {@code path} (after {@code /admin/api/}), or null for an unknown path; bad parameters throw IllegalArgumentException. */
    Callable<Object> route(String path, MultiMap q) {
        Window w = Window.parse(q.get("since") == null || q.get("since").isBlank() ? DEFAULT_WINDOW : q.get("since"));
        long now = clock.getAsLong();
        long since = now - w.millis();
        return switch (path) {
            case "summary" -> {
                LedgerQueries.By by = by(q.get("by"));
                yield () -> reports.summary(since, by);
            }
            case "overview" -> () -> {
                var baseline = pipelines.get().baseline();
                return reports.overview(since, now, baseline == null ? null : baseline.id());
            };
            case "routes" -> () -> {
                Map<String, Object> out = reports.routes(since);
                out.put("breakers", breakers());
                return out;
            };
            case "observation" -> () -> reports.observation(since);
            case "keys" -> () -> reports.keys(pipelines.get().governance().keys().list(), now);
            case "decisions" -> {
                DashboardQueries.Filter f = new DashboardQueries.Filter(
                        q.get("from") == null ? since : number(q, "from", 0, Long.MAX_VALUE),
                        q.get("to") == null ? null : number(q, "to", 0, Long.MAX_VALUE),
                        blank(q.get("key")), blank(q.get("model")), blank(q.get("route")), blank(q.get("q")),
                        "1".equals(q.get("errors")) ? 400 : null);
                int limit = q.get("limit") == null ? DEFAULT_ROWS : (int) number(q, "limit", 1, MAX_ROWS);
                yield () -> reports.decisions(f, limit);
            }
            default -> path.startsWith("requests/") && path.length() > "requests/".length()
                    ? () -> reports.request(path.substring("requests/".length()))
                    : null;
        };
    }

    /** Each deployment's circuit breaker as dispatch sees it now. */
    private List<Map<String, Object>> breakers() {
        List<Map<String, Object>> out = new ArrayList<>();
        health.all().forEach((deployment, s) -> {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("deployment", deployment);
            b.put("state", s.breaker().state().name().toLowerCase(Locale.ROOT));
            b.put("open_for_ms", s.breaker().remainingMillis());
            b.put("in_flight", s.outstanding());
            out.add(b);
        });
        out.sort((a, b) -> ((String) a.get("deployment")).compareTo((String) b.get("deployment")));
        return out;
    }

    static LedgerQueries.By by(String v) {
        if (v == null || v.isBlank()) return LedgerQueries.By.MODEL;
        try {
            return LedgerQueries.By.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'by' must be one of model, route, key, feature, all.");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static long number(MultiMap q, String name, long min, long max) {
        String v = q.get(name);
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) throw new IllegalArgumentException("'" + name + "' must be between " + min + " and " + max + ".");
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' must be a whole number.");
        }
    }
}
