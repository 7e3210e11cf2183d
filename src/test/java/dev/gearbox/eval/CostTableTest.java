package dev.gearbox.eval;

import dev.gearbox.chat.TokenCounter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CostTableTest {
    @Test
    void recordedCostsWinAndUnpricedModelsAndIncompletePromptsAreLeftOut() {
        CostTable table = CostTable.of(Fixtures.load("trio.jsonl"));

        assertThat(table.models()).containsExactly("big", "mid", "small");
        assertThat(table.unpricedModels()).containsExactly("unscored");
        assertThat(table.size()).isEqualTo(4);
        assertThat(table.skippedPrompts()).as("trio/q5 has no score for mid").isEqualTo(1);
        assertThat(table.cost(table.itemIndex("trio/q2"), table.modelIndex("big"))).isEqualTo(0.020);
        assertThat(table.score(table.itemIndex("trio/q4"), table.modelIndex("mid"))).isEqualTo(1.0);
    }

    @Test
    void withoutRecordedCostsItIsPriceTimesPromptAndAnswerTokens() {
        Routeset set = Fixtures.load("priced.jsonl");
        RoutesetItem item = set.items().getFirst();
        CostTable table = CostTable.of(set);
        int prompt = TokenCounter.count(item.prompt());

        assertThat(table.models()).containsExactly("a", "b");
        assertThat(table.cost(0, 0)).isCloseTo((prompt * 3 + TokenCounter.count(item.responses().get("a")) * 15) / 1e6, within(1e-15));
        assertThat(table.cost(0, 1)).as("no recorded answer: a typical one")
                .isCloseTo((prompt * 0.5 + CostTable.TYPICAL_ANSWER_TOKENS * 1.5) / 1e6, within(1e-15));
    }
}
