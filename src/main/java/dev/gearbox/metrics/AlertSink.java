package dev.gearbox.metrics;

import dev.gearbox.observe.DriftMonitor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where drift alerts go: a WARN log line, {@code gearbox_alerts_total{kind,route}} when metrics are
 * on, and a JSON POST to the configured webhook (best effort, never retried into a storm).
 */
public final class AlertSink {
    private static final Logger LOG = LoggerFactory.getLogger(AlertSink.class);

    private AlertSink() {}

    public static Consumer<DriftMonitor.Alert> of(MeterRegistry registry, HttpClient client, Supplier<String> webhook) {
        return a -> {
            LOG.warn("ALERT {} on {}: {}", a.kind(), a.route(), a.message());
            if (registry != null) Counter.builder("gearbox_alerts").tags("kind", a.kind(), "route", a.route()).register(registry).increment();
            String url = webhook.get();
            if (url == null) return;
            JsonObject body = new JsonObject().put("kind", a.kind()).put("route", a.route()).put("value", a.value())
                    .put("baseline", a.baseline()).put("message", a.message()).put("source", "gearbox");
            client.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url).putHeader("content-type", "application/json"))
                    .compose(req -> req.send(body.toBuffer()))
                    .onFailure(e -> LOG.warn("alert webhook {} failed: {}", url, e.getMessage()));
        };
    }
}
