package dev.gearbox.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.Choice;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Json;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.ResponseFormat;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.Usage;
import dev.gearbox.policy.Escalation;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cascade's answer checks, table-driven: what fails which check, and what must not. */
class AnswerChecksTest {
    static final Escalation ALL = new Escalation("c", EnumSet.allOf(Escalation.Check.class), 0.5);
    static final ChatRequest PLAIN = ChatRequest.of("m", List.of(Message.text(Role.USER, "q")));

    static ChatResponse answer(String text, FinishReason finish) {
        return new ChatResponse("r", "m", List.of(new Choice(0, Message.text(Role.ASSISTANT, text), finish)), Usage.ZERO);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "PASS", value = {
            "I'm sorry, but I can't help with that.|refusal",
            "I cannot assist with this request.|refusal",
            "I don't know the answer to that.|refusal",
            "I am not sure what you mean.|refusal",
            "As an AI language model, I cannot browse the internet.|refusal",
            "Paris is the capital of France.|PASS",
            "You can't go wrong with Paris; I know it well.|PASS",
            "The answer is 42. Confidence: 0.3|low_confidence",
            "The answer is 42. Confidence: 90%|PASS",
            "The answer is 42.|PASS",
    })
    void textChecks(String text, String expected) {
        assertThat(AnswerChecks.firstFailure(ALL, PLAIN, answer(text, FinishReason.STOP))).isEqualTo(expected);
    }

    @Test
    void emptyTruncatedAndFilteredAnswersFail() {
        assertThat(AnswerChecks.firstFailure(ALL, PLAIN, answer("  ", FinishReason.STOP))).isEqualTo("empty");
        assertThat(AnswerChecks.firstFailure(ALL, PLAIN, answer("The capital is", FinishReason.LENGTH))).isEqualTo("truncated");
        assertThat(AnswerChecks.firstFailure(ALL, PLAIN, answer("", FinishReason.CONTENT_FILTER))).isEqualTo("empty");
        assertThat(AnswerChecks.firstFailure(ALL, PLAIN, answer("partial", FinishReason.CONTENT_FILTER))).isEqualTo("refusal");
    }

    @Test
    void jsonModeAndSchema() throws Exception {
        JsonNode schema = Json.MAPPER.readTree("""
                {"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":0}},
                 "required":["name"],"additionalProperties":false}""");
        ChatRequest json = new ChatRequest("m", List.of(Message.text(Role.USER, "q")), null, null, ResponseFormat.JSON_OBJECT,
                null, null, null, null, null, null, null, false, false, null);
        ChatRequest typed = new ChatRequest("m", List.of(Message.text(Role.USER, "q")), null, null,
                new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "p", schema, true), null, null, null, null, null, null, null,
                false, false, null);
        assertThat(AnswerChecks.firstFailure(ALL, json, answer("{\"a\":1}", FinishReason.STOP))).isNull();
        assertThat(AnswerChecks.firstFailure(ALL, json, answer("{\"a\":", FinishReason.STOP))).isEqualTo("json_invalid");
        assertThat(AnswerChecks.firstFailure(ALL, json, answer("Sure! {\"a\":1}", FinishReason.STOP))).isEqualTo("json_invalid");
        assertThat(AnswerChecks.firstFailure(ALL, typed, answer("{\"name\":\"Ada\",\"age\":36}", FinishReason.STOP))).isNull();
        assertThat(AnswerChecks.firstFailure(ALL, typed, answer("{\"age\":36}", FinishReason.STOP))).isEqualTo("schema_mismatch");
        assertThat(AnswerChecks.firstFailure(ALL, typed, answer("{\"name\":\"Ada\",\"age\":-1}", FinishReason.STOP))).isEqualTo("schema_mismatch");
        assertThat(AnswerChecks.firstFailure(ALL, typed, answer("{\"name\":\"Ada\",\"x\":1}", FinishReason.STOP))).isEqualTo("schema_mismatch");
        assertThat(AnswerChecks.firstFailure(ALL, json, answer("{\"answer\":\"x\",\"confidence\":0.2}", FinishReason.STOP)))
                .isEqualTo("low_confidence");
    }

    @Test
    void onlyConfiguredChecksRun() {
        Escalation onlyEmpty = new Escalation("c", EnumSet.of(Escalation.Check.EMPTY), 0.5);
        assertThat(AnswerChecks.firstFailure(onlyEmpty, PLAIN, answer("I don't know.", FinishReason.LENGTH))).isNull();
    }
}
