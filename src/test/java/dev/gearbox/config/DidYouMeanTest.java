package dev.gearbox.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    private static final List<String> MODELS = List.of("gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5",
            "claude-haiku-4-5", "gemini-2.5-flash");

    @Test
    void counts_a_swap_of_neighbours_as_one_edit() {
        assertThat(DidYouMean.distance("prot", "port")).isEqualTo(1);
        assertThat(DidYouMean.distance("model", "moodel")).isEqualTo(1);
        assertThat(DidYouMean.distance("", "abc")).isEqualTo(3);
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void typos_rank_by_distance() {
        assertThat(DidYouMean.closest("gpt4o", MODELS, 3)).containsExactly("gpt-4o");
        assertThat(DidYouMean.closest("gpt-4o-mni", MODELS, 3)).containsExactly("gpt-4o-mini");
        assertThat(DidYouMean.closest("GPT-4o", MODELS, 1)).containsExactly("gpt-4o");
    }

    @Test
    void a_fragment_finds_the_longer_names() {
        assertThat(DidYouMean.closest("claude", MODELS, 3)).containsExactly("claude-haiku-4-5", "claude-sonnet-4-5");
        assertThat(DidYouMean.closest("sonnet", MODELS, 3)).containsExactly("claude-sonnet-4-5");
    }

    @Test
    void nothing_close_is_nothing() {
        assertThat(DidYouMean.closest("llama-3", MODELS, 3)).isEmpty();
        assertThat(DidYouMean.closest("", MODELS, 3)).isEmpty();
    }
}
