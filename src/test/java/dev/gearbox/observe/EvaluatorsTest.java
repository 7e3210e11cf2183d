package dev.gearbox.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The structural evaluators and the judge's reply parsing. */
class EvaluatorsTest {
    static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void schemaChecksTypesRequiredPropertiesItemsAndEnums() throws Exception {
        JsonNode schema = json("""
                {"type":"object","required":["label","score"],"additionalProperties":false,
                 "properties":{"label":{"type":"string","enum":["spam","ham"]},"score":{"type":"number"},
                               "tags":{"type":"array","items":{"type":"string"}}}}""");
        assertThat(Evaluators.json("{\"label\":\"spam\",\"score\":0.9,\"tags\":[\"a\"]}", "", true, schema)).isEqualTo(1);
        assertThat(Evaluators.json("{\"label\":\"eggs\",\"score\":0.9}", "", true, schema)).isZero();       // not in the enum
        assertThat(Evaluators.json("{\"label\":\"spam\"}", "", true, schema)).isZero();                    // score missing
        assertThat(Evaluators.json("{\"label\":\"spam\",\"score\":\"high\"}", "", true, schema)).isZero(); // wrong type
        assertThat(Evaluators.json("{\"label\":\"spam\",\"score\":1,\"x\":1}", "", true, schema)).isZero(); // extra property
        assertThat(Evaluators.json("{\"label\":\"spam\",\"score\":1,\"tags\":[1]}", "", true, schema)).isZero();
        assertThat(Evaluators.json("not json", "", true, schema)).isZero();
    }

    @Test
    void jsonValidityWithoutASchema() {
        assertThat(Evaluators.json("{\"a\":1}", "", true, null)).isEqualTo(1);
        assertThat(Evaluators.json("sure: {a:1}", "", true, null)).isZero();
        assertThat(Evaluators.json("plain prose", "{\"a\":1}", false, null)).isZero(); // the reference was JSON
        assertThat(Evaluators.json("plain prose", "more prose", false, null)).isEqualTo(1);
    }

    @Test
    void exactMatchIgnoresCaseSpacingAndFinalPunctuation() {
        assertThat(Evaluators.exact("  Positive. ", "positive")).isEqualTo(1);
        assertThat(Evaluators.exact("positive", "negative")).isZero();
    }

    @Test
    void judgeRepliesAreParsed() {
        assertThat(Evaluators.grade("7")).isEqualTo(6 / 9.0);
        assertThat(Evaluators.grade("Grade: 10")).isEqualTo(1.0);
        assertThat(Evaluators.grade("no idea")).isEqualTo(-1);
        assertThat(Evaluators.pairwise("B")).isEqualTo(1);
        assertThat(Evaluators.pairwise("tie")).isEqualTo(0.5);
        assertThat(Evaluators.pairwise("A is better")).isZero();
        assertThat(Evaluators.pairwise("?")).isEqualTo(-1);
        assertThat(Evaluators.pairwisePrompt("Correct?", "q", "ref", "cand")).contains("Answer A:\nref").contains("Answer B:\ncand");
    }
}
