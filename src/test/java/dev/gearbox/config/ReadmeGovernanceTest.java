package dev.gearbox.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.app.Gateway;
import dev.gearbox.testing.ReadmeBlocks;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's "Keys, limits and budgets" config block loads and means what the README says. */
class ReadmeGovernanceTest {
    @Test
    void theGovernanceBlockLoads() {
        GearboxConfig cfg = ConfigLoader.parse(ReadmeBlocks.yaml("governance"), "README.md",
                Map.of("GEARBOX_ADMIN_TOKEN", "a-long-admin-token-123456")::get, Gateway.providerKinds());
        GovernanceConfig g = cfg.governance();
        assertThat(g.requireKeys()).isTrue();
        assertThat(g.adminToken().reveal()).isEqualTo("a-long-admin-token-123456");
        assertThat(g.redis()).isTrue();
        assertThat(g.redisUrl()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(g.tiers().get("batch")).isEqualTo(new GovernanceConfig.TierCap(1024, 0.05, false));
        assertThat(g.tiers().get("free")).isEqualTo(new GovernanceConfig.TierCap(256, 0, true));
    }

    @Test
    void aShortOrMissingAdminTokenIsAConfigError() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ConfigLoader.parse(ReadmeBlocks.yaml("governance"), "README.md",
                Map.of("GEARBOX_ADMIN_TOKEN", "short")::get, Gateway.providerKinds()))).hasMessageContaining("shorter than 16");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ConfigLoader.parse(ReadmeBlocks.yaml("governance"), "README.md",
                k -> null, Gateway.providerKinds()))).hasMessageContaining("GEARBOX_ADMIN_TOKEN is not set");
    }
}
