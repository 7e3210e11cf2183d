package dev.gearbox.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.gearbox.dispatch.Health;
import dev.gearbox.governance.VirtualKey;
import dev.gearbox.ledger.DashboardQueries;
import dev.gearbox.ledger.LedgerQueries;
import dev.gearbox.ledger.ObserveQueries;
import dev.gearbox.pipeline.Pipeline;
import io.vertx.core.MultiMap;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The JSON behind each dashboard page, from the ledger's store: {@code overview}, {@code routes},
 * {@code decisions}, {@code requests/ID}, {@code observation} and {@code keys}. The same
 * documents are what {@code ./gearbox report --json} prints (without the live breaker states,
 * which only a running gateway has). Field names are snake_case.
 */
public final class DashboardApi {
    static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    static final int MAX_HOURS = 24 * 90;

    private final LedgerQueries ledger;
    private final DashboardQueries dashboard;
    private final ObserveQueries observe;
    private final Supplier<Pipeline> pipelines;
    private final Health health;
    private final LongSupplier clock;

    public DashboardApi(DataSource ds, Supplier<Pipeline> pipelines, Health health) {
        this(ds, pipelines, health, System::currentTimeMillis);
    }

    DashboardApi(DataSource ds, Supplier<Pipeline> pipelines, Health health, LongSupplier clock) {
        this.ledger = new LedgerQueries(ds);
        this.dashboard = new DashboardQueries(ds);
        this.observe = new ObserveQueries(ds);
        this.pipelines = pipelines;
        this.health = health;
        this.clock = clock;
    }

    public static String json(Object o) throws com.fasterxml.jackson.core.JsonProcessingException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    }

    /** The query for {@code path} (after {@code /admin/api/}), or null for an unknown path. */
    Callable<Object> route(String path, MultiMap q) {
        long hours = number(q, "hours", 24, 1, MAX_HOURS);
        long since = clock.getAsLong() - hours * 3_600_000L;
        return switch (path) {
            case "overview" -> () -> overview(since, hours);
            case "routes" -> () -> routes(since, hours);
            case "observation" -> () -> observation(since, hours);
            case "keys" -> this::keys;
            case "decisions" -> {
                DashboardQueries.Filter f = new DashboardQueries.Filter(
                        q.get("from") == null ? since : number(q, "from", 0, 0, Long.MAX_VALUE),
                        q.get("to") == null ? null : number(q, "to", 0, 0, Long.MAX_VALUE),
                        blank(q.get("key")), blank(q.get("model")), blank(q.get("route")), blank(q.get("q")),
                        "1".equals(q.get("errors")) ? 400 : null);
                int limit = (int) number(q, "limit", 100, 1, 1000);
                yield () -> Map.of("rows", dashboard.search(f, limit));
            }
            default -> path.startsWith("requests/") && path.length() > "requests/".length()
                    ? () -> request(path.substring("requests/".length()))
                    : null;
        };
    }

    /** Totals over the window and per-bucket series by served model (buckets sized to give about 48 points). */
    public Map<String, Object> overview(long since, long hours) throws java.sql.SQLException {
        long bucket = Math.max(60_000L, hours * 3_600_000L / 48 / 60_000L * 60_000L);
        List<LedgerQueries.Row> all = ledger.summary(since, LedgerQueries.By.ALL);
        LedgerQueries.Row t = all.isEmpty() ? null : all.get(0);
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("requests", t == null ? 0 : t.requests());
        totals.put("errors", t == null ? 0 : t.errors());
        totals.put("error_rate", t == null || t.requests() == 0 ? 0 : (double) t.errors() / t.requests());
        totals.put("cost_usd", t == null ? 0 : t.costUsd());
        totals.put("baseline_cost_usd", t == null ? 0 : t.baselineCostUsd());
        totals.put("savings_usd", t == null ? 0 : t.savingsUsd());
        totals.put("savings_percent", t == null ? 0 : t.savingsPercent());
        totals.put("fallback_rate", t == null ? 0 : t.fallbackRate());
        totals.put("escalation_rate", t == null ? 0 : t.escalationRate());
        totals.put("p50_ms", t == null ? 0 : t.p50Ms());
        totals.put("p95_ms", t == null ? 0 : t.p95Ms());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("window_hours", hours);
        out.put("since", since);
        out.put("baseline_model", pipelines.get().baseline() == null ? null : pipelines.get().baseline().id());
        out.put("totals", totals);
        out.put("bucket_ms", bucket);
        out.put("series", dashboard.series(since, bucket));
        out.put("models", ledger.summary(since, LedgerQueries.By.MODEL));
        return out;
    }

    /** Per model and per route: latency, TTFT, cost per request, quality, fallbacks, escalations; breakers per deployment. */
    public Map<String, Object> routes(long since, long hours) throws java.sql.SQLException {
        Map<String, Long> ttftByModel = dashboard.ttftP50(since, LedgerQueries.By.MODEL);
        Map<String, Long> ttftByRoute = dashboard.ttftP50(since, LedgerQueries.By.ROUTE);
        Map<String, double[]> quality = new LinkedHashMap<>();
        for (ObserveQueries.Quality qy : observe.quality(since)) {
            double[] acc = quality.computeIfAbsent(qy.route(), k -> new double[2]);
            acc[0] += qy.mean() * qy.tests();
            acc[1] += qy.tests();
        }
        List<Map<String, Object>> models = new ArrayList<>();
        for (LedgerQueries.Row r : ledger.summary(since, LedgerQueries.By.MODEL)) models.add(row(r, ttftByModel.get(r.group()), null));
        List<Map<String, Object>> routes = new ArrayList<>();
        for (LedgerQueries.Row r : ledger.summary(since, LedgerQueries.By.ROUTE)) {
            double[] qa = quality.get(r.group());
            routes.add(row(r, ttftByRoute.get(r.group()), qa == null || qa[1] == 0 ? null : qa[0] / qa[1]));
        }
        List<Map<String, Object>> breakers = new ArrayList<>();
        if (health != null) {
            health.all().forEach((deployment, s) -> {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("deployment", deployment);
                b.put("state", s.breaker().state().name().toLowerCase(java.util.Locale.ROOT));
                b.put("open_for_ms", s.breaker().remainingMillis());
                b.put("in_flight", s.outstanding());
                breakers.add(b);
            });
        }
        return Map.of("window_hours", hours, "models", models, "routes", routes, "breakers", breakers);
    }

    private static Map<String, Object> row(LedgerQueries.Row r, Long ttft, Double quality) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.group());
        m.put("requests", r.requests());
        m.put("errors", r.errors());
        m.put("cost_usd", r.costUsd());
        m.put("cost_per_request_usd", r.requests() == 0 ? 0 : r.costUsd() / r.requests());
        m.put("savings_usd", r.savingsUsd());
        m.put("p50_ms", r.p50Ms());
        m.put("p95_ms", r.p95Ms());
        m.put("ttft_p50_ms", ttft);
        m.put("fallback_rate", r.fallbackRate());
        m.put("escalation_rate", r.escalationRate());
        m.put("quality", quality);
        return m;
    }

    /** One request's full story: its row, and the stored signals, decision, candidates and attempts. */
    public Map<String, Object> request(String id) throws java.sql.SQLException, java.io.IOException {
        var found = dashboard.request(id);
        if (found == null) return null;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("request", found.getKey());
        out.put("detail", JSON.readTree(found.getValue()));
        return out;
    }

    /** Observation mode: what the policies would have routed, projected savings with a 95% interval, quality, shadows. */
    public Map<String, Object> observation(long since, long hours) throws java.sql.SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("window_hours", hours);
        out.put("would_route", observe.wouldRoute(since));
        ObserveQueries.Savings s = observe.savings(since);
        Map<String, Object> savings = new LinkedHashMap<>();
        savings.put("requests", s.requests());
        savings.put("cost_usd", s.costUsd());
        savings.put("projected_cost_usd", s.projectedCostUsd());
        savings.put("savings_usd", s.savingsUsd());
        savings.put("savings_percent", s.savingsPercent());
        savings.put("low_usd", s.low());
        savings.put("high_usd", s.high());
        out.put("savings", savings);
        out.put("quality", observe.quality(since));
        out.put("shadows", observe.shadows(since));
        out.put("feedback", observe.feedback(since));
        return out;
    }

    /** Every virtual key with its limits, budgets and spend today and this month (UTC). */
    public Map<String, Object> keys() throws java.sql.SQLException {
        long now = clock.getAsLong();
        LocalDate today = java.time.Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).toLocalDate();
        long dayStart = today.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long monthStart = today.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        Map<String, Double> day = dashboard.spendByKey(dayStart);
        Map<String, Double> month = dashboard.spendByKey(monthStart);
        List<Map<String, Object>> keys = new ArrayList<>();
        Map<String, double[]> teams = new LinkedHashMap<>();
        for (VirtualKey k : pipelines.get().governance().keys().list()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", k.id());
            m.put("name", k.name());
            m.put("team", k.team());
            m.put("tier", k.tier());
            m.put("models", k.allowed());
            m.put("rpm", k.rpm());
            m.put("tpm", k.tpm());
            m.put("daily_budget_usd", k.dailyUsd());
            m.put("monthly_budget_usd", k.monthlyUsd());
            m.put("spent_today_usd", day.getOrDefault(k.id(), 0.0));
            m.put("spent_month_usd", month.getOrDefault(k.id(), 0.0));
            m.put("revoked", k.revoked());
            keys.add(m);
            if (k.team() != null) {
                double[] t = teams.computeIfAbsent(k.team(), x -> new double[2]);
                t[0] += day.getOrDefault(k.id(), 0.0);
                t[1] += month.getOrDefault(k.id(), 0.0);
            }
        }
        List<Map<String, Object>> teamRows = new ArrayList<>();
        teams.forEach((team, t) -> teamRows.add(Map.of("team", team, "spent_today_usd", t[0], "spent_month_usd", t[1])));
        return Map.of("keys", keys, "teams", teamRows);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static long number(MultiMap q, String name, long dflt, long min, long max) {
        String v = q.get(name);
        if (v == null || v.isBlank()) return dflt;
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) throw new IllegalArgumentException("'" + name + "' must be between " + min + " and " + max + ".");
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' must be a whole number.");
        }
    }
}
