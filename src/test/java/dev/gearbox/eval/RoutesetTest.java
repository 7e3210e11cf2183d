package dev.gearbox.eval;

import dev.gearbox.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutesetTest {
    @Test
    void loadsItemsAndTheMetaFileBesideThem() {
        Routeset set = Fixtures.load("pair.jsonl");

        assertThat(set.name()).isEqualTo("pair");
        assertThat(set.size()).isEqualTo(10);
        RoutesetItem first = set.items().getFirst();
        assertThat(first.id()).isEqualTo("pair/1");
        assertThat(first.task()).isEqualTo("synthetic");
        assertThat(first.prompt()).isEqualTo("a");
        assertThat(first.turns()).containsExactly("a", "and then?");
        assertThat(first.scores()).containsEntry("strong-model", 1.0).containsEntry("weak-model", 0.0);
        assertThat(set.items().get(1).turns()).isEmpty();

        RoutesetMeta meta = set.meta();
        assertThat(meta.twoModel()).isTrue();
        assertThat(meta.strong()).isEqualTo("strong-model");
        assertThat(meta.weak()).isEqualTo("weak-model");
        assertThat(meta.scoreMin()).isEqualTo(0.0);
        assertThat(meta.scoreMax()).isEqualTo(1.0);
        assertThat(meta.price("strong-model")).contains(new ModelPrice(10, 30));
        assertThat(meta.reference().path("random").path("apgr").asDouble()).isEqualTo(0.5);
    }

    @Test
    void modelsWithoutAPriceAreKeptWithNone() {
        Routeset set = Fixtures.load("trio.jsonl");

        assertThat(set.meta().twoModel()).isFalse();
        assertThat(set.meta().modelNames()).containsExactly("big", "mid", "small", "unscored");
        assertThat(set.meta().price("small")).isEmpty();
        assertThat(set.items().getFirst().costUsd()).containsEntry("big", 0.010);
        assertThat(set.meta().reference()).isNull();
    }

    @Test
    void withoutAMetaFileTheScaleAndModelsComeFromTheItems() {
        Routeset set = Fixtures.load("no-meta.jsonl");

        assertThat(set.size()).as("blank lines are skipped").isEqualTo(2);
        assertThat(set.meta().name()).isEqualTo("no-meta");
        assertThat(set.meta().scoreMin()).isEqualTo(2.0);
        assertThat(set.meta().scoreMax()).isEqualTo(9.0);
        assertThat(set.meta().modelNames()).containsExactly("x", "y", "z");
        assertThat(set.meta().twoModel()).isFalse();
        assertThat(set.items().getFirst().split()).as("split defaults to test").isEqualTo("test");
    }

    @Test
    void aBrokenLineIsReportedWithItsLineNumber() {
        assertThatThrownBy(() -> Fixtures.load("bad-line.jsonl"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad-line.jsonl:3: ")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void aScoreThatIsNotANumberNamesTheLineAndField() {
        assertThatThrownBy(() -> Fixtures.load("bad-score.jsonl"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad-score.jsonl:2: scores.x: must be a number");
    }

    @Test
    void splitKeepsOneSplitOrAll() {
        Routeset set = Fixtures.load("pair.jsonl");

        assertThat(set.split("test").size()).isEqualTo(8);
        assertThat(set.split("train").items()).extracting(RoutesetItem::id).containsExactly("pair/9", "pair/10");
        assertThat(set.split(Routeset.ALL).size()).isEqualTo(10);
        assertThatThrownBy(() -> Fixtures.load("trio.jsonl").split("train"))
                .hasMessageContaining("no items in split 'train'")
                .hasMessageContaining("{test=5}");
    }
}
