package dev.gearbox.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.app.Gateway;
import dev.gearbox.testing.ReadmeBlocks;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's "When providers fail" blocks load, and say what the code does. */
class ReadmeResilienceTest {
    static final String PROVIDERS = """
            providers:
              - {name: openai-us, kind: openai}
              - {name: azure-eu, kind: openai, base_url: https://example.invalid/v1}
            """;

    @Test
    void theResilienceBlockShowsTheDefaultsAndATierBudget() {
        GearboxConfig cfg = ConfigLoader.parse(ReadmeBlocks.yaml("resilience"), "README.md", k -> null, Gateway.providerKinds());
        ResilienceConfig r = cfg.resilience();
        ResilienceConfig d = ResilienceConfig.DEFAULTS;
        assertThat(r.retries()).isEqualTo(d.retries());
        assertThat(r.breaker()).isEqualTo(d.breaker());
        assertThat(r.timeouts()).isEqualTo(d.timeouts());
        assertThat(r.balancing()).isEqualTo(d.balancing());
        assertThat(r.hedging().budgetMs("interactive")).isEqualTo(1500);
        assertThat(r.hedging().budgetMs("batch")).isZero();
        assertThat(r.hedging().budgetMs(null)).isZero();
        assertThat(d.hedging().budgetMs("interactive")).isZero(); // off unless configured
    }

    @Test
    void theDeploymentsBlockGivesOneModelTwoWeightedLimitedDeployments() {
        GearboxConfig cfg = ConfigLoader.parse(PROVIDERS + ReadmeBlocks.yaml("deployments-lb"), "README.md", k -> null,
                Gateway.providerKinds());
        assertThat(cfg.deploymentsFor("gpt-4.1-mini")).extracting(Deployment::weight, Deployment::rpm, Deployment::tpm,
                Deployment::upstreamModel).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, 500, 200000, "gpt-4.1-mini"),
                org.assertj.core.groups.Tuple.tuple(1, 300, 0, "my-gpt41-mini"));
    }

    @Test
    void badValuesNameTheKey() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ConfigLoader.parse(
                "resilience: {balancing: random}", "t.yaml", k -> null, Gateway.providerKinds())))
                .hasMessageContaining("unknown balancing 'random'").hasMessageContaining("least-outstanding, weighted or ordered");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ConfigLoader.parse(
                "resilience: {breaker: {error_rate: 2}}", "t.yaml", k -> null, Gateway.providerKinds())))
                .hasMessageContaining("error_rate must be in (0, 1]");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ConfigLoader.parse(
                "resilience: {timeouts: {first_byte_ms: 5000, total_ms: 100}}", "t.yaml", k -> null, Gateway.providerKinds())))
                .hasMessageContaining("total_ms (100) is shorter than first_byte_ms (5000)");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ConfigLoader.parse(
                "resilience: {retrys: {}}", "t.yaml", k -> null, Gateway.providerKinds())))
                .hasMessageContaining("retries");
    }
}
