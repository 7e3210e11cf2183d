package dev.gearbox.config;

import static dev.gearbox.config.ConfigFixture.ANTHROPIC_KEY;
import static dev.gearbox.config.ConfigFixture.OPENAI_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.catalog.CatalogFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private final GearboxConfig config = ConfigFixture.parse(ConfigFixture.text());

    @Test
    void reads_server_providers_and_secrets() {
        assertThat(config.server()).isEqualTo(new ServerConfig("0.0.0.0", 9000, ServerConfig.DEFAULT_MAX_BODY_BYTES));
        assertThat(config.source()).isEqualTo("gearbox.yaml");

        ProviderConfig openai = config.provider("openai").orElseThrow();
        assertThat(openai.kind()).isEqualTo("openai");
        assertThat(openai.baseUrl()).as("each adapter knows its default").isNull();
        assertThat(openai.apiKey().reveal()).isEqualTo(OPENAI_KEY);
        assertThat(openai.apiKey().source()).isEqualTo("env:OPENAI_API_KEY");
        assertThat(openai.headers()).isEqualTo(Map.of("X-Org", "abc"));
        assertThat(openai.options()).as("null options are dropped").isEqualTo(Map.of("api_version", "2024-10-21", "ttft_ms", 200));
        assertThat(openai.option("ttft_ms", 0.0)).isEqualTo(200.0);

        ProviderConfig anthropic = config.provider("anthropic").orElseThrow();
        assertThat(anthropic.baseUrl()).isEqualTo("https://api.anthropic.com/v1");
        assertThat(anthropic.apiKey().reveal()).isEqualTo(ANTHROPIC_KEY);
        assertThat(anthropic.apiKey().source()).isEqualTo("env:ANTHROPIC_KEY");

        assertThat(config.provider("sim").orElseThrow().apiKey()).isSameAs(Secret.NONE);
    }

    @Test
    void reads_deployments_with_defaults_and_canonical_model_ids() {
        assertThat(config.deployments()).extracting(Deployment::id)
                .containsExactly("openai/gpt-4o-mini", "openai-eu", "anthropic/claude-sonnet-4-5", "sim/my-model");
        Deployment plain = config.deployments().get(0);
        assertThat(plain).isEqualTo(new Deployment("openai/gpt-4o-mini", "gpt-4o-mini", "gpt-4o-mini",
                config.provider("openai").orElseThrow(), 1, 0, 0));
        Deployment eu = config.deployments().get(1);
        assertThat(eu.upstreamModel()).isEqualTo("gpt-4o-mini-eu");
        assertThat(eu.weight()).isEqualTo(3);
        assertThat(eu.rpm()).isEqualTo(500);
        assertThat(eu.tpm()).isEqualTo(200000);
        Deployment claude = config.deployments().get(2);
        assertThat(claude.model()).as("a catalog alias resolves to the id").isEqualTo("claude-sonnet-4-5");
        assertThat(claude.upstreamModel()).as("the provider gets the name as written").isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(config.deploymentsFor("gpt-4o-mini")).hasSize(2);
    }

    @Test
    void merges_the_catalog_and_resolves_aliases_and_routing() {
        assertThat(config.catalog().require("my-model").vendor()).isEqualTo("acme");
        assertThat(config.catalog().size()).isEqualTo(CatalogFixture.catalog().size() + 1);
        assertThat(config.aliases()).containsExactly(Map.entry("fast", "gpt-4o-mini"),
                Map.entry("smart", "claude-sonnet-4-5"), Map.entry("best", "auto"));
        assertThat(config.resolveModel("fast")).contains("gpt-4o-mini");
        assertThat(config.resolveModel("best")).contains("auto");
        assertThat(config.resolveModel("auto")).contains("auto");
        assertThat(config.resolveModel("gpt-4o-2024-08-06")).contains("gpt-4o");
        assertThat(config.resolveModel("nope")).isEmpty();

        RoutingConfig routing = config.routing();
        assertThat(routing.defaultPolicy()).isEqualTo("auto-rules");
        assertThat(routing.baseline()).isEqualTo("gpt-4o");
        PolicyConfig policy = routing.policy("auto-rules").orElseThrow();
        assertThat(policy.type()).isEqualTo("rules");
        assertThat(policy.body().line()).isEqualTo(40);
        assertThat(policy.body().get("rules").list().get(0).get("model").path())
                .isEqualTo("routing.policies[0].rules[0].model");
    }

    @Test
    void an_almost_empty_file_gets_the_named_defaults() {
        GearboxConfig minimal = ConfigFixture.parse("providers:\n  - {name: sim, kind: simulated}\n");
        assertThat(minimal.server()).isEqualTo(new ServerConfig("127.0.0.1", 8080, 10_485_760L));
        assertThat(minimal.server()).isEqualTo(ServerConfig.DEFAULTS);
        assertThat(minimal.deployments()).isEmpty();
        assertThat(minimal.aliases()).isEmpty();
        assertThat(minimal.routing()).isEqualTo(RoutingConfig.NONE);
        assertThat(minimal.catalog().models()).isEqualTo(CatalogFixture.catalog().models());
        assertThat(ConfigFixture.parse("").providers()).isEmpty();
    }

    @Test
    void environment_values_are_typed_after_interpolation() {
        GearboxConfig c = ConfigFixture.loader(Map.of("PORT", "7000")::get)
                .parse("server:\n  port: ${PORT}\n  max_body_bytes: ${MAX:-2048}\n", "g.yaml");
        assertThat(c.server().port()).isEqualTo(7000);
        assertThat(c.server().maxBodyBytes()).isEqualTo(2048);
    }

    @Test
    void no_secret_appears_in_any_to_string() {
        String everything = config.toString() + config.providers() + config.deployments() + config.routing()
                + config.routing().policies().get(0).body() + config.server();
        assertThat(everything).doesNotContain(OPENAI_KEY).doesNotContain(ANTHROPIC_KEY).contains("****");
    }

    @Test
    void reads_a_key_file_relative_to_the_config_file(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("openai.key"), "  sk-from-file\n");
        Path file = dir.resolve("gearbox.yaml");
        Files.writeString(file, "providers:\n  - name: openai\n    kind: openai\n    api_key_file: openai.key\n");
        GearboxConfig c = ConfigFixture.loader().load(file);
        assertThat(c.providers().get(0).apiKey().reveal()).isEqualTo("sk-from-file");
        assertThat(c.providers().get(0).apiKey().source()).isEqualTo("file:openai.key");
        assertThat(c.source()).isEqualTo(file.toString());
    }

    @Test
    void a_missing_key_file_is_an_error_at_its_line(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gearbox.yaml");
        Files.writeString(file, "providers:\n  - name: openai\n    kind: openai\n    api_key_file: missing.key\n");
        assertThatThrownBy(() -> ConfigFixture.loader().load(file))
                .hasMessage(file + ":4: providers[0].api_key_file: cannot read api_key_file " + dir.resolve("missing.key")
                        + " (NoSuchFileException). Fix: check the path; a relative path is resolved against the config file's folder");
    }

    @Test
    void a_missing_config_file_names_it(@TempDir Path dir) {
        Path file = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigFixture.loader().load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": cannot read the config file (NoSuchFileException). Fix: check the path given with --config");
    }
}
