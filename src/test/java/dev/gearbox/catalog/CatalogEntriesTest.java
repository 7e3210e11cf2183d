package dev.gearbox.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.config.ConfigException;
import dev.gearbox.config.ConfigNode;
import org.junit.jupiter.api.Test;

/** Every entry mistake reports the exact file, line and fix. */
class CatalogEntriesTest {

    private static String entry(String replace, String with) {
        String good = """
                models:
                  - id: my-model
                    vendor: acme
                    tier: mid
                    context_window: 32000
                    max_output: 4096
                    capabilities: [tools, streaming]
                    price: {input: 0.5, output: 1.5, as_of: 2025-07-01}
                    aliases: [mm]
                """;
        if (!good.contains(replace)) throw new IllegalArgumentException(replace);
        return good.replace(replace, with);
    }

    private static void assertError(String yaml, String message) {
        assertThatThrownBy(() -> Catalog.load(yaml, "c.yaml")).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void a_good_entry_parses() {
        ModelInfo m = CatalogEntries.parse(ConfigNode.parse(entry("x", "x"), "c.yaml").get("models").list().get(0));
        assertThat(m.id()).isEqualTo("my-model");
        assertThat(m.tier()).isEqualTo(Tier.MID);
        assertThat(m.capabilities()).isEqualTo(new Capabilities(true, false, false, false, true));
        assertThat(m.price().cachedInputPerMTok()).isNull();
        assertThat(m.price().source()).isNull();
        assertThat(m.aliases()).containsExactly("mm");
    }

    @Test
    void bad_tier() {
        assertError(entry("tier: mid", "tier: premium"),
                "c.yaml:4: models[0].tier: unknown tier 'premium'. Fix: use one of: frontier, mid, efficient");
    }

    @Test
    void negative_price() {
        assertError(entry("output: 1.5", "output: -1.5"),
                "c.yaml:8: models[0].price.output: price must not be negative, got -1.5. "
                        + "Fix: write USD per million tokens, e.g. 0.15");
    }

    @Test
    void price_that_is_not_a_number() {
        assertError(entry("input: 0.5", "input: cheap"), "c.yaml:8: models[0].price.input: expected a number, got 'cheap'");
    }

    @Test
    void unknown_price_key() {
        assertError(entry("as_of:", "asof:"),
                "c.yaml:8: models[0].price.asof: unknown key 'asof'. Fix: did you mean 'as_of'?");
    }

    @Test
    void bad_date() {
        assertError(entry("as_of: 2025-07-01", "as_of: July 2025"),
                "c.yaml:8: models[0].price.as_of: 'July 2025' is not a date. Fix: write it as YYYY-MM-DD, e.g. 2025-07-01");
    }

    @Test
    void unknown_capability() {
        assertError(entry("[tools, streaming]", "[tools, streamng]"),
                "c.yaml:7: models[0].capabilities[1]: unknown capability 'streamng'. Fix: did you mean 'streaming'?");
    }

    @Test
    void missing_required_field() {
        assertError(entry("    vendor: acme\n", ""),
                "c.yaml:2: models[0]: missing required key 'vendor'. Fix: add 'vendor: ...' here");
    }

    @Test
    void unknown_entry_key() {
        assertError(entry("context_window:", "context_windw:"),
                "c.yaml:5: models[0].context_windw: unknown key 'context_windw'. Fix: did you mean 'context_window'?");
    }

    @Test
    void max_output_over_context_window() {
        assertError(entry("max_output: 4096", "max_output: 64000"),
                "c.yaml:6: models[0].max_output: max_output 64000 is larger than context_window 32000. "
                        + "Fix: max_output is the most tokens one reply can have; it cannot exceed the context window");
    }

    @Test
    void non_positive_context_window() {
        assertError(entry("context_window: 32000", "context_window: 0"),
                "c.yaml:5: models[0].context_window: must be a positive number of tokens, got 0. Fix: e.g. 128000");
    }

    @Test
    void duplicate_id() {
        String yaml = entry("x", "x") + """
                  - id: my-model
                    vendor: acme
                    tier: mid
                    context_window: 1000
                    max_output: 100
                    price: {input: 1, output: 1}
                """;
        assertError(yaml, "c.yaml:10: models[1].id: duplicate model id 'my-model' (first defined at line 2). "
                + "Fix: keep one entry per model id");
    }

    @Test
    void alias_clashing_with_another_model() {
        String yaml = entry("x", "x") + """
                  - id: other
                    vendor: acme
                    tier: mid
                    context_window: 1000
                    max_output: 100
                    price: {input: 1, output: 1}
                    aliases: [o, mm]
                """;
        assertError(yaml, "c.yaml:16: models[1].aliases[1]: alias 'mm' already names model 'my-model'. "
                + "Fix: remove the alias; one name must mean one model");
    }

    @Test
    void id_clashing_with_another_models_alias() {
        String yaml = entry("x", "x") + """
                  - id: mm
                    vendor: acme
                    tier: mid
                    context_window: 1000
                    max_output: 100
                    price: {input: 1, output: 1}
                """;
        assertError(yaml, "c.yaml:10: models[1].id: id 'mm' is already an alias of model 'my-model'. "
                + "Fix: choose another id, or remove the alias from 'my-model'");
    }

    @Test
    void merge_into_replaces_and_checks_names_against_the_base() {
        Catalog base = CatalogFixture.catalog();
        ConfigNode overrides = ConfigNode.parse("""
                - id: gpt-4o
                  vendor: openai
                  tier: mid
                  context_window: 128000
                  max_output: 16384
                  price: {input: 2.0, output: 8.0}
                  aliases: [gpt-4o-2024-08-06]
                """, "gearbox.yaml");
        Catalog merged = CatalogEntries.mergeInto(base, overrides);
        assertThat(merged.require("gpt-4o-2024-08-06").price().inputPerMTok()).isEqualTo(2.0);
        assertThat(merged.size()).isEqualTo(base.size());

        ConfigNode clash = ConfigNode.parse("""
                - id: my-model
                  vendor: acme
                  tier: mid
                  context_window: 1000
                  max_output: 100
                  price: {input: 1, output: 1}
                  aliases: [gpt-4o-mini-2024-07-18]
                """, "gearbox.yaml");
        assertThatThrownBy(() -> CatalogEntries.mergeInto(base, clash))
                .hasMessage("gearbox.yaml:7: [0].aliases[0]: alias 'gpt-4o-mini-2024-07-18' already names model "
                        + "'gpt-4o-mini'. Fix: remove the alias; one name must mean one model");
    }
}
