package dev.gearbox.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gearbox.config.ConfigException;
import dev.gearbox.error.GatewayError;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private final Catalog catalog = CatalogFixture.catalog();

    @Test
    void loads_every_field_of_an_entry() {
        ModelInfo mini = catalog.find("gpt-4o-mini").orElseThrow();
        assertThat(mini).isEqualTo(new ModelInfo("gpt-4o-mini", "openai", Tier.EFFICIENT,
                new Price(0.15, 0.60, 0.075, null, LocalDate.of(2025, 7, 1), "https://example.test/openai"),
                128000, 16384, Capabilities.ALL, List.of("gpt-4o-mini-2024-07-18")));
        ModelInfo sonnet = catalog.find("claude-sonnet-4-5").orElseThrow();
        assertThat(sonnet.price().cacheWritePerMTok()).isEqualTo(3.75);
        assertThat(sonnet.capabilities()).isEqualTo(new Capabilities(true, true, false, false, true));
        assertThat(catalog.find("claude-haiku-4-5").orElseThrow().aliases()).isEmpty();
    }

    @Test
    void finds_by_id_or_alias_in_file_order() {
        assertThat(catalog.find("gpt-4o-mini-2024-07-18").map(ModelInfo::id)).contains("gpt-4o-mini");
        assertThat(catalog.find("nope")).isEmpty();
        assertThat(catalog.find(null)).isEmpty();
        assertThat(catalog.models()).extracting(ModelInfo::id).containsExactly(
                "gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5", "claude-haiku-4-5", "gemini-2.5-flash");
        assertThat(catalog.byTier(Tier.EFFICIENT)).extracting(ModelInfo::id)
                .containsExactly("gpt-4o-mini", "claude-haiku-4-5", "gemini-2.5-flash");
        assertThat(catalog.byTier(Tier.FRONTIER)).extracting(ModelInfo::id).containsExactly("claude-sonnet-4-5");
        assertThat(catalog.toString()).isEqualTo("Catalog[5 models]");
    }

    @Test
    void require_lists_up_to_three_close_matches() {
        assertThatThrownBy(() -> catalog.require("gpt-4o-mni"))
                .isInstanceOfSatisfying(GatewayError.ModelNotFound.class, e -> {
                    assertThat(e.model()).isEqualTo("gpt-4o-mni");
                    assertThat(e.closeMatches()).containsExactly("gpt-4o-mini");
                    assertThat(e.status()).isEqualTo(404);
                });
        assertThat(catalog.closeMatches("claude", 3)).containsExactly("claude-haiku-4-5", "claude-sonnet-4-5",
                "claude-sonnet-4-5-20250929");
        assertThat(catalog.closeMatches("gpt", 2)).containsExactly("gpt-4o", "gpt-4o-mini");
        assertThat(catalog.require("gpt-4o-2024-08-06").id()).isEqualTo("gpt-4o");
    }

    @Test
    void merge_replaces_by_id_and_appends_new_models() {
        ModelInfo cheaper = new ModelInfo("gpt-4o", "openai", Tier.MID,
                new Price(1, 4, null, null, null, null), 128000, 16384, Capabilities.ALL, List.of());
        ModelInfo local = new ModelInfo("my-model", "acme", Tier.EFFICIENT,
                new Price(0, 0, null, null, null, null), 8192, 2048, Capabilities.TEXT_ONLY, List.of("mine"));
        Catalog merged = catalog.merge(List.of(cheaper, local));
        assertThat(merged.models()).extracting(ModelInfo::id).containsExactly(
                "gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5", "claude-haiku-4-5", "gemini-2.5-flash", "my-model");
        assertThat(merged.require("gpt-4o").price().inputPerMTok()).isEqualTo(1.0);
        assertThat(merged.find("gpt-4o-2024-08-06")).as("the replaced entry's aliases go with it").isEmpty();
        assertThat(merged.require("mine").id()).isEqualTo("my-model");
        assertThat(catalog.require("gpt-4o").price().inputPerMTok()).as("the original is unchanged").isEqualTo(2.5);
    }

    @Test
    void merge_refuses_a_name_two_models_answer_to() {
        ModelInfo clash = new ModelInfo("other", "acme", Tier.MID, new Price(1, 1, null, null, null, null),
                1000, 100, Capabilities.TEXT_ONLY, List.of("gpt-4o-mini"));
        assertThatThrownBy(() -> catalog.merge(List.of(clash)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("catalog name 'gpt-4o-mini' is used by both 'gpt-4o-mini' and 'other'");
    }

    @Test
    void shipped_catalog_parses() {
        assumeTrue(Catalog.class.getResource(Catalog.RESOURCE) != null, "the shipped catalog is on another branch");
        Catalog shipped = Catalog.shipped();
        assertThat(shipped.models()).isNotEmpty();
        assertThat(shipped.models()).allSatisfy(m -> assertThat(m.price().inputPerMTok()).isNotNegative());
        assertThat(Catalog.shipped()).isSameAs(shipped);
    }

    @Test
    void a_file_without_models_says_so() {
        assertThatThrownBy(() -> Catalog.load("model:\n  - id: x\n", "c.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("c.yaml:1: model: unknown key 'model'. Fix: did you mean 'models'?");
        assertThatThrownBy(() -> Catalog.load("", "c.yaml"))
                .hasMessage("c.yaml:1: missing required key 'models'. Fix: add 'models: ...' here");
    }
}
