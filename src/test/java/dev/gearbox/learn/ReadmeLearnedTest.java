package dev.gearbox.learn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.testing.ReadmeBlocks;
import dev.gearbox.testing.TestGateway;
import org.junit.jupiter.api.Test;

/** The README's learned-policy block runs as written, with the shipped router, and routes on the wire. */
class ReadmeLearnedTest {
    @Test
    void theReadmeBlockRoutesWithTheShippedRouter() {
        String fleet = TestGateway.SIMULATED_FLEET.substring(0, TestGateway.SIMULATED_FLEET.indexOf("routing:"));
        try (TestGateway gw = TestGateway.start(fleet + ReadmeBlocks.yaml("learned-policy"))) {
            var r = gw.post("/v1/chat/completions", "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there!\"}]}");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-gearbox-route")).hasValue("learned");
            assertThat(r.headers().firstValue("x-gearbox-reason").orElseThrow()).contains("learned score").contains("95% of strong quality");
            assertThat(r.headers().firstValue("x-gearbox-model").orElseThrow()).isIn("demo-frontier", "demo-efficient");
        }
    }
}
