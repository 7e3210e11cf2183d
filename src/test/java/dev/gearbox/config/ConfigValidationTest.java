package dev.gearbox.config;

import static dev.gearbox.config.ConfigFixture.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each mistake in a config file fails the load with the exact file:line, path, message and fix. */
class ConfigValidationTest {

    private static void assertError(String yaml, int line, String expectedMessage) {
        assertThatThrownBy(() -> ConfigFixture.parse(yaml))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(expectedMessage);
                    assertThat(e.file()).isEqualTo("gearbox.yaml");
                    assertThat(e.line()).isEqualTo(line);
                });
    }

    @Test
    void unknown_top_level_section() {
        assertError(with("routing:", "routng:"), 36,
                "gearbox.yaml:36: routng: unknown key 'routng'. Fix: did you mean 'routing'?");
    }

    @Test
    void unknown_server_key() {
        assertError(with("  port: 9000", "  prot: 9000"), 3,
                "gearbox.yaml:3: server.prot: unknown key 'prot'. Fix: did you mean 'port'?");
    }

    @Test
    void port_out_of_range() {
        assertError(with("port: 9000", "port: 70000"), 3,
                "gearbox.yaml:3: server.port: port 70000 is out of range. Fix: use a port between 1 and 65535, or 0 for any free port");
    }

    @Test
    void port_not_a_number() {
        assertError(with("port: 9000", "port: http"), 3, "gearbox.yaml:3: server.port: expected a number, got 'http'");
    }

    @Test
    void non_positive_body_limit() {
        assertError(with("  port: 9000", "  port: 9000\n  max_body_bytes: 0"), 4,
                "gearbox.yaml:4: server.max_body_bytes: max_body_bytes must be positive, got 0. Fix: e.g. 10485760 (10 MiB)");
    }

    @Test
    void duplicate_provider_name() {
        assertError(with("name: sim", "name: openai"), 14,
                "gearbox.yaml:14: providers[2].name: duplicate provider name 'openai' (first defined at line 5). "
                        + "Fix: give each provider account its own name, e.g. openai-2");
    }

    @Test
    void unknown_provider_key() {
        assertError(with("api_key_env:", "apikey_env:"), 7,
                "gearbox.yaml:7: providers[0].apikey_env: unknown key 'apikey_env'. Fix: did you mean 'api_key_env'?");
    }

    @Test
    void unknown_provider_kind_lists_the_registered_ones() {
        assertError(with("kind: simulated", "kind: simulatd"), 15,
                "gearbox.yaml:15: providers[2].kind: unknown provider kind 'simulatd'. "
                        + "Fix: did you mean 'simulated'? known kinds: anthropic, gemini, openai, replay, simulated");
    }

    @Test
    void two_ways_of_giving_a_key() {
        assertError(with("    api_key_env: OPENAI_API_KEY\n", "    api_key_env: OPENAI_API_KEY\n    api_key: sk-x\n"), 8,
                "gearbox.yaml:8: providers[0].api_key: both api_key_env and api_key are set. Fix: keep one way of giving the key");
    }

    @Test
    void api_key_env_that_is_not_set() {
        assertThatThrownBy(() -> ConfigFixture.loader(Map.of("ANTHROPIC_KEY", "k")::get).parse(ConfigFixture.text(), "gearbox.yaml"))
                .hasMessage("gearbox.yaml:7: providers[0].api_key_env: environment variable OPENAI_API_KEY is not set. "
                        + "Fix: export OPENAI_API_KEY=... before starting Gearbox, or remove the key setting if this provider needs none");
    }

    @Test
    void api_key_interpolation_of_an_unset_variable() {
        assertThatThrownBy(() -> ConfigFixture.loader(Map.of("OPENAI_API_KEY", "k")::get).parse(ConfigFixture.text(), "gearbox.yaml"))
                .hasMessage("gearbox.yaml:13: providers[1].api_key: environment variable ANTHROPIC_KEY is not set. "
                        + "Fix: export ANTHROPIC_KEY=... or use ${ANTHROPIC_KEY:-default}");
    }

    @Test
    void api_key_env_given_the_key_itself_does_not_echo_it() {
        assertError(with("api_key_env: OPENAI_API_KEY", "api_key_env: sk-123"), 7,
                "gearbox.yaml:7: providers[0].api_key_env: the value is not an environment variable name. "
                        + "Fix: api_key_env takes the variable's name, e.g. OPENAI_API_KEY; to give the key itself use api_key");
    }

    @Test
    void base_url_that_is_not_http() {
        assertError(with("base_url: https://api.anthropic.com/v1/", "base_url: api.anthropic.com"), 12,
                "gearbox.yaml:12: providers[1].base_url: base_url 'api.anthropic.com' is not an http(s) URL. "
                        + "Fix: e.g. https://api.openai.com/v1");
    }

    @Test
    void deployment_naming_an_unknown_provider_lists_the_known_ones() {
        assertError(with("provider: sim", "provider: simm"), 29,
                "gearbox.yaml:29: deployments[3].provider: unknown provider 'simm'. "
                        + "Fix: did you mean 'sim'? known providers: openai, anthropic, sim");
    }

    @Test
    void deployment_naming_an_unknown_model_suggests_catalog_names() {
        assertError(with("model: my-model\n    provider: sim", "model: gpt-4o-mni\n    provider: sim"), 28,
                "gearbox.yaml:28: deployments[3].model: model 'gpt-4o-mni' is not in the catalog. "
                        + "Fix: did you mean gpt-4o-mini? or describe it under 'catalog:' (id, vendor, tier, context_window, max_output, price)");
    }

    @Test
    void deployment_missing_its_model() {
        assertError(with("  - model: my-model\n    provider: sim", "  - provider: sim"), 28,
                "gearbox.yaml:28: deployments[3]: missing required key 'model'. Fix: add 'model: ...' here");
    }

    @Test
    void duplicate_deployment_id() {
        assertError(with("id: openai-eu", "id: openai/gpt-4o-mini"), 21,
                "gearbox.yaml:21: deployments[1].id: duplicate deployment id 'openai/gpt-4o-mini' (first defined at line 17). "
                        + "Fix: give each deployment of the same model and provider its own 'id:'");
    }

    @Test
    void two_unnamed_deployments_of_one_model_on_one_provider() {
        assertError(with("    id: openai-eu\n", ""), 19,
                "gearbox.yaml:19: deployments[1]: duplicate deployment id 'openai/gpt-4o-mini' (first defined at line 17). "
                        + "Fix: give each deployment of the same model and provider its own 'id:'");
    }

    @Test
    void zero_weight() {
        assertError(with("weight: 3", "weight: 0"), 23,
                "gearbox.yaml:23: deployments[1].weight: weight must be at least 1, got 0. Fix: remove the deployment to stop using it");
    }

    @Test
    void negative_rpm() {
        assertError(with("rpm: 500", "rpm: -1"), 24,
                "gearbox.yaml:24: deployments[1].rpm: rpm must be at least 0, got -1. Fix: 0 means unknown or unlimited");
    }

    @Test
    void catalog_override_with_a_bad_tier() {
        assertError(with("tier: efficient", "tier: cheap"), 31,
                "gearbox.yaml:31: catalog[0].tier: unknown tier 'cheap'. Fix: use one of: frontier, mid, efficient");
    }

    @Test
    void catalog_override_with_a_negative_price() {
        assertError(with("input: 0, output: 0", "input: -0.5, output: 0"), 31,
                "gearbox.yaml:31: catalog[0].price.input: price must not be negative, got -0.5. Fix: write USD per million tokens, e.g. 0.15");
    }

    @Test
    void alias_to_an_unknown_model() {
        assertError(with("fast: gpt-4o-mini", "fast: gpt-4o-mini-fast"), 33,
                "gearbox.yaml:33: aliases.fast: alias 'fast' points to 'gpt-4o-mini-fast', which is not in the catalog. "
                        + "Fix: did you mean gpt-4o-mini?");
    }

    @Test
    void alias_to_a_model_without_deployment() {
        assertError(with("fast: gpt-4o-mini", "fast: gemini-2.5-flash"), 33,
                "gearbox.yaml:33: aliases.fast: alias 'fast' points to 'gemini-2.5-flash', which has no deployment. "
                        + "Fix: add a deployment for gemini-2.5-flash, or point the alias at one of: "
                        + "gpt-4o-mini, claude-sonnet-4-5, my-model");
    }

    @Test
    void alias_named_auto() {
        assertError(with("  fast: gpt-4o-mini", "  auto: gpt-4o-mini"), 33,
                "gearbox.yaml:33: aliases.auto: 'auto' cannot be an alias: it always means the default routing policy. "
                        + "Fix: choose another alias name");
    }

    @Test
    void alias_to_auto_without_policies() {
        String yaml = ConfigFixture.text().substring(0, ConfigFixture.text().indexOf("routing:"));
        assertError(yaml, 35,
                "gearbox.yaml:35: aliases.best: alias 'best' points to auto, but no routing policy is defined. "
                        + "Fix: add a policy under 'routing.policies' and set 'routing.default'");
    }

    @Test
    void default_policy_that_does_not_exist() {
        assertError(with("default: auto-rules", "default: auto-rule"), 37,
                "gearbox.yaml:37: routing.default: default policy 'auto-rule' is not defined. "
                        + "Fix: did you mean 'auto-rules'? policies: auto-rules");
    }

    @Test
    void default_policy_missing_while_policies_exist() {
        assertError(with("  default: auto-rules\n", ""), 36,
                "gearbox.yaml:36: routing: 'default' is missing: model 'auto' needs to know which policy to use. "
                        + "Fix: add 'default: auto-rules'");
    }

    @Test
    void baseline_not_in_catalog() {
        assertError(with("baseline: gpt-4o", "baseline: gpt-40"), 38,
                "gearbox.yaml:38: routing.baseline: baseline model 'gpt-40' is not in the catalog. Fix: did you mean gpt-4o?");
    }

    @Test
    void duplicate_policy_name() {
        assertError(with("      rules: [{model: gpt-4o-mini}]", "      rules: []\n    - name: auto-rules\n      type: cascade"), 43,
                "gearbox.yaml:43: routing.policies[1].name: duplicate policy name 'auto-rules' (first defined at line 40). "
                        + "Fix: give each policy its own name");
    }

    @Test
    void policy_without_type() {
        assertError(with("      type: rules\n", ""), 40,
                "gearbox.yaml:40: routing.policies[0]: missing required key 'type'. Fix: add 'type: ...' here");
    }

    @Test
    void unknown_routing_key() {
        assertError(with("baseline: gpt-4o", "baseine: gpt-4o"), 38,
                "gearbox.yaml:38: routing.baseine: unknown key 'baseine'. Fix: did you mean 'baseline'?");
    }

    @Test
    void providers_written_as_a_map() {
        assertError("providers:\n  openai: {kind: openai}\n", 1,
                "gearbox.yaml:1: providers: expected a list, got a map. Fix: write it as '- item' lines or [a, b]");
    }
}
