package dev.gearbox.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gearbox.governance.VirtualKey;
import dev.gearbox.ledger.DashboardQueries;
import dev.gearbox.ledger.LedgerQueries;
import dev.gearbox.ledger.ObserveQueries;
import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The JSON documents read from the ledger, one per view: {@code summary} (what {@code gearbox report
 * --json} prints), {@code overview}, {@code routes}, {@code observation} ({@code report --observe
 * --json}), {@code keys}, the decision search and one request's story. The CLI and the admin API
 * behind the dashboard both print these, so a figure reads the same everywhere; every figure is
 * aggregated in the store (SQLite or PostgreSQL), never by loading rows.
 */
public final class Reports {
    /** snake_case field names, as every Gearbox JSON document. */
    public static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    /** About this many points in a time series, whatever the window. */
    static final int SERIES_POINTS = 48;
    /** Bucket sizes a series may use, so the time axis reads in round steps. */
    static final long[] BUCKETS = {10_000, 30_000, 60_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000,
        21_600_000, 43_200_000, 86_400_000};

    private final LedgerQueries ledger;
    private final DashboardQueries traffic;
    private final ObserveQueries observe;

    public Reports(DataSource ds) {
        this.ledger = new LedgerQueries(ds);
        this.traffic = new DashboardQueries(ds);
        this.observe = new ObserveQueries(ds);
    }

    /** Pretty-printed JSON of a document, as the CLI prints it. */
    public static String pretty(Object document) throws IOException {
        return JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document);
    }

    /** Spend, savings, latency and rates per group: {@code report --json} and {@code GET /admin/api/summary}. */
    public Map<String, Object> summary(long since, LedgerQueries.By by) throws SQLException {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("by", by.name().toLowerCase(Locale.ROOT));
        o.put("since", since);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LedgerQueries.Row r : ledger.summary(since, by)) rows.add(row(r));
        o.put("rows", rows);
        return o;
    }

    static Map<String, Object> row(LedgerQueries.Row r) {
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
    }

    /**
     * Totals over the window, and requests, errors, fallbacks, spend and savings per time bucket and
     * served model; the series spans from the window's first request to {@code now} (a new gateway's
     * few minutes of traffic are not squeezed into one bar of a 24-hour axis).
     */
    public Map<String, Object> overview(long since, long now, String baselineModel) throws SQLException {
        Long first = traffic.firstTs(since);
        long bucket = bucket(now - (first == null ? since : first));
        long from = (first == null ? since : first) / bucket * bucket;
        // one pass: the series, whose buckets add up to the window's totals and each model's
        List<DashboardQueries.Bucket> series = traffic.series(since, bucket);
        Map<String, double[]> perModel = new LinkedHashMap<>();
        long requests = 0, errors = 0, tin = 0, tout = 0;
        double cost = 0, base = 0, saved = 0, fallbacks = 0, escalations = 0;
        for (DashboardQueries.Bucket x : series) {
            requests += x.requests();
            errors += x.errors();
            cost += x.costUsd();
            base += x.baselineCostUsd();
            saved += x.savingsUsd();
            fallbacks += x.fallbacks();
            escalations += x.escalations();
            tin += x.inputTokens();
            tout += x.outputTokens();
            double[] m = perModel.computeIfAbsent(x.model(), k -> new double[3]);
            m[0] += x.requests();
            m[1] += x.costUsd();
            m[2] += x.savingsUsd();
        }
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("requests", requests);
        totals.put("errors", errors);
        totals.put("error_rate", requests == 0 ? 0.0 : (double) errors / requests);
        totals.put("cost_usd", cost);
        totals.put("baseline_cost_usd", base);
        totals.put("savings_usd", saved);
        totals.put("savings_percent", base <= 0 ? 0.0 : 100 * saved / base);
        totals.put("fallback_rate", requests == 0 ? 0.0 : fallbacks / requests);
        totals.put("escalation_rate", requests == 0 ? 0.0 : escalations / requests);
        totals.put("input_tokens", tin);
        totals.put("output_tokens", tout);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("since", since);
        out.put("baseline_model", baselineModel);
        out.put("totals", totals);
        List<Map<String, Object>> models = new ArrayList<>();
        perModel.entrySet().stream().sorted((x, y) -> Double.compare(y.getValue()[1], x.getValue()[1])).forEach(e -> models.add(
                ordered("group", e.getKey(), "requests", Math.round(e.getValue()[0]), "cost_usd", e.getValue()[1], "savings_usd", e.getValue()[2])));
        out.put("models", models);
        out.put("bucket_ms", bucket);
        out.put("series_from", from);
        out.put("series_to", now);
        out.put("series", series);
        return out;
    }

    /**
     * The smallest round bucket that cuts {@code span} into at most {@link #SERIES_POINTS} points, and at least
     * an hour past 12 hours: whole-hour buckets are read from the ledger's hourly rollup instead of every row.
     */
    static long bucket(long span) {
        for (long b : BUCKETS) if (span / b <= SERIES_POINTS && (b >= 3_600_000 || span <= 12 * 3_600_000L)) return b;
        return (span / SERIES_POINTS / BUCKETS[BUCKETS.length - 1] + 1) * BUCKETS[BUCKETS.length - 1];
    }

    /** Per model and per route: latency, time to first token, cost per request, quality, fallback and escalation rates. */
    public Map<String, Object> routes(long since) throws SQLException {
        List<LedgerQueries.By> both = List.of(LedgerQueries.By.MODEL, LedgerQueries.By.ROUTE);
        Map<LedgerQueries.By, List<LedgerQueries.Row>> summaries = ledger.summaries(since, both, true);
        Map<LedgerQueries.By, Map<String, DashboardQueries.Ttft>> ttft = traffic.ttft(since, both);
        Map<String, DashboardQueries.Ttft> ttftByModel = ttft.get(LedgerQueries.By.MODEL);
        Map<String, DashboardQueries.Ttft> ttftByRoute = ttft.get(LedgerQueries.By.ROUTE);
        Map<String, Double> qualityByModel = traffic.qualityByModel(since);
        Map<String, double[]> qualityByRoute = new LinkedHashMap<>();
        for (ObserveQueries.Quality q : observe.quality(since)) {
            double[] acc = qualityByRoute.computeIfAbsent(q.route(), k -> new double[2]);
            acc[0] += q.mean() * q.tests();
            acc[1] += q.tests();
        }
        List<Map<String, Object>> models = new ArrayList<>();
        for (LedgerQueries.Row r : summaries.get(LedgerQueries.By.MODEL)) {
            models.add(groupRow(r, ttftByModel.get(r.group()), qualityByModel.get(r.group())));
        }
        List<Map<String, Object>> routes = new ArrayList<>();
        for (LedgerQueries.Row r : summaries.get(LedgerQueries.By.ROUTE)) {
            double[] q = qualityByRoute.get(r.group());
            routes.add(groupRow(r, ttftByRoute.get(r.group()), q == null || q[1] == 0 ? null : q[0] / q[1]));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("since", since);
        out.put("models", models);
        out.put("routes", routes);
        return out;
    }

    private static Map<String, Object> groupRow(LedgerQueries.Row r, DashboardQueries.Ttft ttft, Double quality) {
        Map<String, Object> m = row(r);
        m.put("cost_per_request_usd", r.requests() == 0 ? 0.0 : r.costUsd() / r.requests());
        m.put("ttft_p50_ms", ttft == null ? null : ttft.p50Ms());
        m.put("ttft_p95_ms", ttft == null ? null : ttft.p95Ms());
        m.put("quality", quality);
        return m;
    }

    /** Decisions matching a search, newest first. */
    public Map<String, Object> decisions(DashboardQueries.Filter filter, int limit) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("limit", limit);
        out.put("rows", traffic.search(filter, limit));
        return out;
    }

    /** One request's story: its ledger row, and the stored signals, decision (candidates, rejections) and attempts; null when unknown. */
    public Map<String, Object> request(String id) throws SQLException, IOException {
        var found = traffic.request(id);
        if (found == null) return null;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("request", found.getKey());
        JsonNode detail = JSON.readTree(found.getValue());
        out.put("detail", detail);
        return out;
    }

    /** The observation window: {@code report --observe --json} and {@code GET /admin/api/observation}. */
    public Map<String, Object> observation(long since) throws SQLException {
        // the shadow decisions are as many rows as the observed requests: read both at once, one connection each
        java.util.concurrent.CompletableFuture<List<ObserveQueries.Shadow>> shadows = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return observe.shadows(since);
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, r -> Thread.ofVirtual().name("gearbox-report-shadows").start(r));
        ObserveQueries.Window window = observe.window(since);
        ObserveQueries.Savings s = window.savings();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("since", since);
        o.put("observed_requests", s.requests());
        o.put("would_route", window.wouldRoute().stream().map(w -> ordered("model", w.model(), "requests", w.requests(),
                "cost_usd", w.costUsd(), "projected_cost_usd", w.projectedCostUsd())).toList());
        Map<String, Object> sav = new LinkedHashMap<>();
        sav.put("cost_usd", s.costUsd());
        sav.put("projected_cost_usd", s.projectedCostUsd());
        sav.put("savings_usd", s.savingsUsd());
        sav.put("savings_percent", s.savingsPercent());
        sav.put("ci95_low_usd", s.low());
        sav.put("ci95_high_usd", s.high());
        o.put("projected_savings", sav);
        o.put("quality", observe.quality(since).stream().map(x -> ordered("route", x.route(), "evaluator", x.evaluator(),
                "tests", x.tests(), "mean", x.mean(), "ci95_low", x.low(), "ci95_high", x.high(), "shadow_cost_usd", x.otherCostUsd())).toList());
        o.put("shadow_policies", joined(shadows).stream().map(x -> ordered("policy", x.policy(), "requests", x.requests(),
                "divergence", x.divergence(), "projected_cost_usd", x.projectedCostUsd(), "actual_cost_usd", x.actualCostUsd())).toList());
        o.put("feedback", observe.feedback(since).stream().map(x -> ordered("source", x.source(), "count", x.count(),
                "mean_score", x.meanScore())).toList());
        return o;
    }

    private static <T> T joined(java.util.concurrent.CompletableFuture<T> f) throws SQLException {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof SQLException sql) throw sql;
            throw e;
        }
    }

    /** Every virtual key with its limits, budgets and spend today and this month (UTC), and spend per team. */
    public Map<String, Object> keys(List<VirtualKey> keys, long now) throws SQLException {
        LocalDate today = java.time.Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).toLocalDate();
        long dayStart = today.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long monthStart = today.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        DashboardQueries.Spend spend = traffic.spend(monthStart, dayStart);
        double[] none = new double[2];
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, double[]> budgets = new LinkedHashMap<>();
        for (VirtualKey k : keys) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", k.id());
            m.put("name", k.name());
            m.put("team", k.team());
            m.put("tier", k.tier());
            m.put("models", k.allowed());
            m.put("mode", k.mode());
            m.put("rpm", k.rpm());
            m.put("tpm", k.tpm());
            m.put("daily_usd", k.dailyUsd());
            m.put("monthly_usd", k.monthlyUsd());
            m.put("spent_today_usd", spend.byKey().getOrDefault(k.id(), none)[0]);
            m.put("spent_month_usd", spend.byKey().getOrDefault(k.id(), none)[1]);
            m.put("revoked", k.revoked());
            rows.add(m);
            if (k.team() != null && !k.revoked()) {
                double[] b = budgets.computeIfAbsent(k.team(), t -> new double[2]);
                b[0] += k.dailyUsd();
                b[1] += k.monthlyUsd();
            }
        }
        java.util.Set<String> teams = new java.util.TreeSet<>(spend.byTeam().keySet());
        teams.addAll(budgets.keySet());
        List<Map<String, Object>> teamRows = new ArrayList<>();
        for (String t : teams) {
            double[] b = budgets.getOrDefault(t, new double[2]);
            teamRows.add(ordered("team", t, "spent_today_usd", spend.byTeam().getOrDefault(t, none)[0], "spent_month_usd", spend.byTeam().getOrDefault(t, none)[1],
                    "daily_usd", b[0], "monthly_usd", b[1]));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("day_start", dayStart);
        out.put("month_start", monthStart);
        out.put("keys", rows);
        out.put("teams", teamRows);
        return out;
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
