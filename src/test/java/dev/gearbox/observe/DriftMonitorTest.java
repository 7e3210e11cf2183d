package dev.gearbox.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gearbox.metrics.AlertSink;
import dev.gearbox.testing.FakeUpstream;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Drift alerts on a hand-moved clock: mix shift, fallback spike, quality drop, cool-down, and the webhook on the wire. */
class DriftMonitorTest {
    final AtomicLong now = new AtomicLong(1_000_000);
    final List<DriftMonitor.Alert> alerts = new ArrayList<>();
    final DriftMonitor.Settings small = new DriftMonitor.Settings(100, 50, 0.25, 3.0, 0.05, 0.10, 20, 60_000);
    final DriftMonitor m = new DriftMonitor(small, now::get, alerts::add);

    @Test
    void aShiftInTheTrafficMixRaisesOneAlertPerCooldown() {
        for (int i = 0; i < 100; i++) m.request(i % 2 == 0 ? "qa" : "chat", false, false); // baseline: half qa, half chat
        for (int i = 0; i < 50; i++) m.request(i % 2 == 0 ? "qa" : "chat", false, false);
        assertThat(alerts).isEmpty();
        for (int i = 0; i < 50; i++) m.request("code", false, false);                     // now all code
        assertThat(alerts).extracting(DriftMonitor.Alert::kind).containsExactly("mix_shift");
        assertThat(alerts.get(0).value()).isGreaterThan(0.25); // fires as soon as the shift passes the threshold
        for (int i = 0; i < 10; i++) m.request("code", false, false);
        assertThat(alerts).hasSize(1);                                                      // cooling down
        now.addAndGet(60_000);
        m.request("code", false, false);
        assertThat(alerts).hasSize(2);
    }

    @Test
    void fallbackSpikes() {
        for (int i = 0; i < 100; i++) m.request("qa", i % 50 == 0, false);                 // 2% fall back
        for (int i = 0; i < 50; i++) m.request("qa", i % 5 == 0, false);                   // 20%
        assertThat(alerts).extracting(DriftMonitor.Alert::kind).containsExactly("fallback_spike");
        assertThat(alerts.get(0).message()).contains("20.0% of the last 50 requests (baseline 2.0%)");
    }

    @Test
    void aRoutesQualityDrop() {
        for (int i = 0; i < 20; i++) m.quality("cheap", 0.9);
        for (int i = 0; i < 20; i++) m.quality("cheap", 0.85);
        assertThat(alerts).isEmpty();
        for (int i = 0; i < 20; i++) m.quality("cheap", 0.6);
        assertThat(alerts).extracting(DriftMonitor.Alert::kind, DriftMonitor.Alert::route)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("quality_drop", "cheap"));
    }

    @Test
    void alertsArePostedToTheWebhook() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (FakeUpstream hook = FakeUpstream.start()) {
            hook.enqueue(FakeUpstream.Script.json(200, "{}"));
            AlertSink.of(null, vertx.createHttpClient(), () -> hook.baseUrl() + "/alerts")
                    .accept(new DriftMonitor.Alert("quality_drop", "cheap", 0.6, 0.9, "quality of route cheap fell"));
            await().atMost(java.time.Duration.ofSeconds(30)).until(() -> hook.received().size() == 1);
            assertThat(hook.last().path()).isEqualTo("/alerts");
            assertThat(hook.last().json().getString("kind")).isEqualTo("quality_drop");
            assertThat(hook.last().json().getDouble("baseline")).isEqualTo(0.9);
        } finally {
            vertx.close();
        }
    }
}
