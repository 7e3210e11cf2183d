package dev.gearbox.metrics;

import dev.gearbox.ledger.JdbcLedger;
import dev.gearbox.ledger.Ledger;
import dev.gearbox.ledger.LedgerRecord;
import dev.gearbox.pipeline.AttemptRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus metrics taken from each request's ledger record as it is handed to the ledger (one
 * place sees every request, its route, attempts, tokens, cost and savings), then passed on.
 * Meter names follow Prometheus conventions under {@code gearbox_}; labels are bounded: model,
 * route, provider, status class and key id (key ids are a short hash, one per virtual key).
 */
public final class MeteredLedger implements Ledger {
    private final Ledger next;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private final DistributionSummary attemptsPerRequest = DistributionSummary.builder("gearbox_attempts_per_request").register(registry);
    /** The meters of each label combination, resolved once: registering by builder on every request cost more than the request's routing. */
    private final ConcurrentHashMap<Labels, Meters> meters = new ConcurrentHashMap<>();

    private record Labels(String model, String route, String status, String key) {}

    private record Meters(Counter requests, Timer duration, Timer ttft, Counter inputTokens, Counter outputTokens,
                          Counter cachedTokens, Counter cost, Counter savings) {}

    private Meters meters(Labels l) {
        return new Meters(
                Counter.builder("gearbox_requests").description("requests answered or refused")
                        .tags("model", l.model(), "route", l.route(), "status", l.status()).register(registry),
                Timer.builder("gearbox_request_duration").description("client-visible latency")
                        .tags("model", l.model(), "route", l.route()).publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(5)).register(registry),
                Timer.builder("gearbox_time_to_first_token").tags("model", l.model()).publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(2)).register(registry),
                Counter.builder("gearbox_tokens").tags("model", l.model(), "type", "input").register(registry),
                Counter.builder("gearbox_tokens").tags("model", l.model(), "type", "output").register(registry),
                Counter.builder("gearbox_tokens").tags("model", l.model(), "type", "cached_input").register(registry),
                Counter.builder("gearbox_cost_usd").description("what the providers charge")
                        .tags("model", l.model(), "route", l.route(), "key", l.key()).register(registry),
                Counter.builder("gearbox_savings_usd").description("baseline model cost minus cost")
                        .tags("model", l.model(), "route", l.route()).register(registry));
    }

    public MeteredLedger(Ledger next) {
        this.next = next;
        if (next instanceof JdbcLedger j) {
            Gauge.builder("gearbox_ledger_queue_depth", j, JdbcLedger::queueDepth)
                    .description("ledger records waiting to be written").register(registry);
            Gauge.builder("gearbox_ledger_uncommitted", j, JdbcLedger::uncommitted)
                    .description("ledger records accepted but not yet committed (queued or being written): what a kill -9 would lose now")
                    .register(registry);
            Gauge.builder("gearbox_ledger_dropped", j, JdbcLedger::dropped)
                    .description("ledger records dropped because the queue was full").register(registry);
            Gauge.builder("gearbox_ledger_written", j, JdbcLedger::written)
                    .description("ledger records written").register(registry);
        }
    }

    @Override
    public void record(LedgerRecord r) {
        try {
            String model = r.servedModel() == null ? "none" : r.servedModel();
            String route = r.decision() == null ? "none" : r.decision().route();
            String status = (r.status() / 100) + "xx";
            String key = r.keyId() == null ? "none" : r.keyId();
            Meters m = meters.computeIfAbsent(new Labels(model, route, status, key), this::meters);
            m.requests.increment();
            m.duration.record(r.latencyMillis(), TimeUnit.MILLISECONDS);
            if (r.ttftMillis() >= 0) m.ttft.record(r.ttftMillis(), TimeUnit.MILLISECONDS);
            m.inputTokens.increment(r.usage().inputTokens());
            m.outputTokens.increment(r.usage().outputTokens());
            m.cachedTokens.increment(r.usage().cachedInputTokens());
            m.cost.increment(r.costUsd());
            if (!Double.isNaN(r.baselineCostUsd())) m.savings.increment(r.baselineCostUsd() - r.costUsd());
            long serve = r.attempts().stream().filter(a -> a.kind() == AttemptRecord.Kind.SERVE).count();
            if (serve > 1) Counter.builder("gearbox_fallbacks").tags("route", route).register(registry).increment(serve - 1);
            for (String check : r.escalations()) {
                Counter.builder("gearbox_escalations").tags("route", route, "check", check).register(registry).increment();
            }
            for (AttemptRecord a : r.attempts()) {
                if (a.errorClass() != null) {
                    Counter.builder("gearbox_upstream_errors").tags("provider", String.valueOf(a.provider()),
                            "class", a.errorClass().name().toLowerCase(java.util.Locale.ROOT)).register(registry).increment();
                }
            }
            attemptsPerRequest.record(serve);
        } finally {
            next.record(r);
        }
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        next.close();
    }

    @Override
    public dev.gearbox.ledger.LedgerStore store() {
        return next.store();
    }
}
