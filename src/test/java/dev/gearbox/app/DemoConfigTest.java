package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.Deployment;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.config.ProviderConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `serve` without --config: the simulated demo fleet, plus real providers for the keys that are set. */
class DemoConfigTest {
    static GearboxConfig load(Map<String, String> env) {
        return ConfigLoader.parse(DemoConfig.yaml(env::get), DemoConfig.FILE, env::get, Gateway.providerKinds());
    }

    @Test
    void withoutKeysOnlyTheSimulatedTiers() {
        GearboxConfig cfg = load(Map.of());
        assertThat(cfg.providers()).extracting(ProviderConfig::kind).containsOnly("simulated");
        assertThat(cfg.deployments()).extracting(Deployment::model)
                .containsExactlyInAnyOrder("demo-frontier", "demo-mid", "demo-efficient");
        assertThat(cfg.routing().defaultPolicy()).isEqualTo("demo-auto");
        assertThat(cfg.server().port()).isEqualTo(8080);
    }

    @Test
    void eachKeyAddsItsProviderAndModels() {
        GearboxConfig cfg = load(Map.of("OPENAI_API_KEY", "sk-o", "GEMINI_API_KEY", "g-k"));
        assertThat(cfg.providers()).extracting(ProviderConfig::name).contains("openai", "gemini").doesNotContain("anthropic");
        assertThat(cfg.provider("openai").orElseThrow().apiKey().reveal()).isEqualTo("sk-o");
        assertThat(cfg.provider("openai").orElseThrow().apiKey().toString()).doesNotContain("sk-o");
        assertThat(cfg.deployments()).extracting(Deployment::model).contains("gpt-4.1-mini", "gemini-2.5-flash");
    }
}
