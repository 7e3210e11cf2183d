package dev.gearbox.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.gearbox.chat.Usage;
import dev.gearbox.config.LedgerConfig;
import dev.gearbox.pipeline.AttemptRecord;
import dev.gearbox.policy.Decision;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hourly rollup on SQLite and PostgreSQL (a fresh schema per run): records written through the
 * ledger's write path over several past hours, then every slow view's figures over windows that start
 * and end mid-hour, read from the rollup for the whole hours and the rows for the edges, against the
 * same figures from the rows alone; a retried batch counted once; the migration filling the rollup
 * from rows written before it.
 */
class HourlyRollupTest {
    static final long HOUR = HourlyRollup.HOUR;
    static final List<LedgerQueries.By> BOTH = List.of(LedgerQueries.By.MODEL, LedgerQueries.By.ROUTE);

    @TempDir
    Path dir;

    LedgerConfig config(String store) {
        return switch (store) {
            case "sqlite" -> new LedgerConfig("sqlite", dir.resolve("ledger.db"), null, null, null, null, LedgerConfig.Redact.NONE, 1000, 50);
            default -> new LedgerConfig("postgres", null, LedgerStoresTest.PG_URL, "postgres", null,
                    "gbx_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12), LedgerConfig.Redact.NONE, 1000, 50);
        };
    }

    /** A varied request: three models, three routes (one without a decision), keys with and without a team, errors, streams, no baseline. */
    static LedgerRecord record(int i, long ts) {
        String model = i % 11 == 0 ? null : List.of("demo-frontier", "demo-mid", "demo-efficient").get(i % 3);
        Decision decision = i % 7 == 0 ? null : new Decision(List.of("auto", "by-task").get(i % 2), "1", List.of(), List.of(), "rule " + i, 1, null);
        long latency = 5 + (i * 7919L) % 3000;
        boolean stream = i % 2 == 0;
        List<AttemptRecord> attempts = new ArrayList<>();
        attempts.add(new AttemptRecord("d", "sim", model, 200, null, latency, 0, Usage.ZERO, 0, AttemptRecord.Kind.SERVE));
        if (i % 13 == 0) attempts.add(new AttemptRecord("d2", "sim", model, 200, null, latency, 0, Usage.ZERO, 0, AttemptRecord.Kind.SERVE));
        return new LedgerRecord("rq-" + i, ts, i % 5 == 0 ? null : "vk_" + i % 4, i % 5 == 0 ? null : "team-" + i % 2, "tag", "interactive",
                "openai", "auto", stream, null, decision, attempts, model, "sim", i % 17 == 0 ? 503 : 200, null,
                new Usage(100 + i % 50, 20 + i % 30, 0, 0, 0), 0.0001 * (1 + i % 9), i % 6 == 0 ? Double.NaN : 0.0002 * (1 + i % 9),
                latency, stream ? 1 + (i * 31L) % 900 : -1, i % 19 == 0 ? List.of("length") : List.of(), null, "route", null, Double.NaN, List.of());
    }

    /** {@code n} records from {@code start}, one every {@code step} ms with a jitter, numbered from {@code first}. */
    static List<LedgerRecord> records(int first, int n, long start, long step) {
        List<LedgerRecord> out = new ArrayList<>();
        for (int i = first; i < first + n; i++) out.add(record(i, start + (i - first) * step + (i * 613L) % 1000));
        return out;
    }

    static void writeAll(JdbcLedger ledger, List<LedgerRecord> rs) {
        long before = ledger.written();
        rs.forEach(ledger::record);
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.written() == before + rs.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void windowsStartingAndEndingMidHourGiveTheRowsFigures(String kind) throws Exception {
        long now = System.currentTimeMillis();
        long start = Math.floorDiv(now, HOUR) * HOUR - 8 * HOUR;
        JdbcLedger ledger = new JdbcLedger(LedgerStore.open(config(kind)), 5000, 50);
        try {
            writeAll(ledger, records(0, 1200, start, 8 * HOUR / 1200));
            DataSource ds = ledger.store().dataSource();
            long from = start + 20 * 60_000 + 17_345;
            long to = start + 6 * HOUR + 41 * 60_000 + 3_210;
            Split split = Split.of(from, to, now);
            assertThat(split.hoursFrom()).isEqualTo(start + HOUR);
            assertThat(split.hoursTo()).isEqualTo(start + 6 * HOUR);
            assertSameFigures(ds, split, Split.rowsOnly(from, to));
            // an open window, as the dashboard asks: the latest hour and the partial one from the rows
            Split open = Split.of(from, Long.MAX_VALUE, now);
            assertThat(open.hoursTo()).isEqualTo(start + 7 * HOUR);
            assertSameFigures(ds, open, Split.rowsOnly(from, Long.MAX_VALUE));
            var spend = new DashboardQueries(ds).spend(open, start + 3 * HOUR);
            var exact = new DashboardQueries(ds).spend(Split.rowsOnly(from, Long.MAX_VALUE), start + 3 * HOUR);
            assertThat(spend.byKey().keySet()).containsExactlyInAnyOrderElementsOf(exact.byKey().keySet()).hasSize(4);
            assertThat(spend.byTeam().keySet()).containsExactlyInAnyOrderElementsOf(exact.byTeam().keySet()).hasSize(2);
            exact.byKey().forEach((k, v) -> assertThat(spend.byKey().get(k)).containsExactly(v, within(1e-12)));
            exact.byTeam().forEach((k, v) -> assertThat(spend.byTeam().get(k)).containsExactly(v, within(1e-12)));
        } finally {
            ledger.close();
        }
    }

    /** Every sum and count equal; percentiles within the rollup's bucket width (about 6% each way), as documented. */
    static void assertSameFigures(DataSource ds, Split rolled, Split rows) throws SQLException {
        var a = new LedgerQueries(ds).summaries(rolled, BOTH, true);
        var b = new LedgerQueries(ds).summaries(rows, BOTH, true);
        for (LedgerQueries.By by : BOTH) {
            assertThat(a.get(by)).extracting(LedgerQueries.Row::group).containsExactlyInAnyOrderElementsOf(
                    b.get(by).stream().map(LedgerQueries.Row::group).toList());
            for (LedgerQueries.Row exact : b.get(by)) {
                LedgerQueries.Row r = a.get(by).stream().filter(x -> x.group().equals(exact.group())).findFirst().orElseThrow();
                assertThat(r.requests()).isEqualTo(exact.requests()).isPositive();
                assertThat(r.errors()).isEqualTo(exact.errors());
                assertThat(r.inputTokens()).isEqualTo(exact.inputTokens());
                assertThat(r.outputTokens()).isEqualTo(exact.outputTokens());
                assertThat(r.costUsd()).isCloseTo(exact.costUsd(), within(1e-12));
                assertThat(r.baselineCostUsd()).isCloseTo(exact.baselineCostUsd(), within(1e-12));
                assertThat(r.savingsUsd()).isCloseTo(exact.savingsUsd(), within(1e-12));
                assertThat(r.fallbackRate()).isCloseTo(exact.fallbackRate(), within(1e-12));
                assertThat(r.escalationRate()).isCloseTo(exact.escalationRate(), within(1e-12));
                assertThat((double) r.p50Ms()).isCloseTo(exact.p50Ms(), within(0.07 * exact.p50Ms() + 1));
                assertThat((double) r.p95Ms()).isCloseTo(exact.p95Ms(), within(0.07 * exact.p95Ms() + 1));
            }
        }
        var ta = new DashboardQueries(ds).ttft(rolled, BOTH);
        var tb = new DashboardQueries(ds).ttft(rows, BOTH);
        for (LedgerQueries.By by : BOTH) {
            assertThat(ta.get(by).keySet()).containsExactlyInAnyOrderElementsOf(tb.get(by).keySet()).isNotEmpty();
            tb.get(by).forEach((g, exact) -> {
                assertThat((double) ta.get(by).get(g).p50Ms()).isCloseTo(exact.p50Ms(), within(0.07 * exact.p50Ms() + 1));
                assertThat((double) ta.get(by).get(g).p95Ms()).isCloseTo(exact.p95Ms(), within(0.07 * exact.p95Ms() + 1));
            });
        }
        for (long bucket : new long[] {HOUR, 3 * HOUR}) {
            var sa = new DashboardQueries(ds).series(rolled, bucket);
            var sb = new DashboardQueries(ds).series(rows, bucket);
            assertThat(sa).extracting(x -> x.startMillis() + " " + x.model() + " " + x.requests() + " " + x.errors() + " " + x.fallbacks()
                    + " " + x.escalations() + " " + x.inputTokens() + " " + x.outputTokens())
                    .containsExactlyElementsOf(sb.stream().map(x -> x.startMillis() + " " + x.model() + " " + x.requests() + " " + x.errors()
                            + " " + x.fallbacks() + " " + x.escalations() + " " + x.inputTokens() + " " + x.outputTokens()).toList());
            for (int i = 0; i < sb.size(); i++) {
                assertThat(sa.get(i).costUsd()).isCloseTo(sb.get(i).costUsd(), within(1e-12));
                assertThat(sa.get(i).savingsUsd()).isCloseTo(sb.get(i).savingsUsd(), within(1e-12));
                assertThat(sa.get(i).baselineCostUsd()).isCloseTo(sb.get(i).baselineCostUsd(), within(1e-12));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aRetriedBatchIsCountedOnce(String kind) throws Exception {
        long start = Math.floorDiv(System.currentTimeMillis(), HOUR) * HOUR - 5 * HOUR;
        JdbcLedger ledger = new JdbcLedger(LedgerStore.open(config(kind)), 5000, 50);
        try {
            List<LedgerRecord> first = records(0, 100, start, 60_000);
            writeAll(ledger, first);
            // the same records again, as a batch committed before its connection failed is retried, with 40 new ones
            List<LedgerRecord> again = new ArrayList<>(first);
            again.addAll(records(100, 40, start + 2 * HOUR, 60_000));
            writeAll(ledger, again);
            try (Connection c = ledger.store().dataSource().getConnection()) {
                assertThat(single(c, "SELECT COUNT(*) FROM requests")).isEqualTo(140);
                assertThat(single(c, "SELECT SUM(requests) FROM requests_hourly")).isEqualTo(140);
                assertThat(single(c, "SELECT SUM(requests) FROM requests_hourly_spend")).isEqualTo(140);
                assertThat(single(c, "SELECT SUM(n) FROM requests_hourly_latency WHERE kind = 0")).isEqualTo(140);
                assertThat(single(c, "SELECT SUM(n) FROM requests_hourly_latency WHERE kind = 1"))
                        .isEqualTo(single(c, "SELECT COUNT(*) FROM requests WHERE stream = 1 AND ttft_ms >= 0")).isPositive();
            }
            assertSameFigures(ledger.store().dataSource(), Split.of(start, start + 5 * HOUR, start + 6 * HOUR), Split.rowsOnly(start, start + 5 * HOUR));
        } finally {
            ledger.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void theMigrationFillsTheRollupFromRowsWrittenBeforeIt(String kind) throws Exception {
        LedgerConfig lc = config(kind);
        boolean sqlite = kind.equals("sqlite");
        String url = sqlite ? "jdbc:sqlite:" + lc.path() : lc.url() + "?currentSchema=" + lc.schema();
        Flyway.configure().dataSource(sqlite ? url : lc.url(), lc.user(), null).locations("classpath:db/ledger")
                .schemas(sqlite ? new String[0] : new String[] {lc.schema()}).createSchemas(!sqlite).table("gearbox_ledger_schema")
                .target("4").load().migrate();
        long start = Math.floorDiv(System.currentTimeMillis(), HOUR) * HOUR - 6 * HOUR;
        try (Connection c = DriverManager.getConnection(url, lc.user(), null); PreparedStatement ps = c.prepareStatement(LedgerRows.INSERT)) {
            for (LedgerRecord r : records(0, 300, start, 72_000)) {
                LedgerRows.bind(ps, r);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (LedgerStore store = LedgerStore.open(lc); Connection c = store.dataSource().getConnection()) {
            assertThat(single(c, "SELECT SUM(requests) FROM requests_hourly")).isEqualTo(300);
            assertThat(single(c, "SELECT SUM(requests) FROM requests_hourly_spend")).isEqualTo(300);
            assertThat(single(c, "SELECT COUNT(DISTINCT hour) FROM requests_hourly")).isEqualTo(6);
            assertThat(single(c, "SELECT SUM(n) FROM requests_hourly_latency WHERE kind = 0")).isEqualTo(300);
            assertSameFigures(store.dataSource(), Split.of(start + 1_000, start + 6 * HOUR, start + 7 * HOUR),
                    Split.rowsOnly(start + 1_000, start + 6 * HOUR));
        }
    }

    @Test
    void latenciesAreCountedWithinTheirBucketsWidth() {
        assertThat(HourlyRollup.bucket(0)).isZero();
        assertThat(HourlyRollup.bucket(9)).isEqualTo(9);
        for (long v = 10; v < 1_000_000; v = v * 11 / 10 + 1) {
            assertThat((double) HourlyRollup.bucket(v)).isCloseTo(v, within(0.065 * v + 0.5));
            assertThat(HourlyRollup.bucket(HourlyRollup.bucket(v))).isEqualTo(HourlyRollup.bucket(v));
        }
    }

    static long single(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
