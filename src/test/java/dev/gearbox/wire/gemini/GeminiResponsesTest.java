package dev.gearbox.wire.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.chat.Usage;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class GeminiResponsesTest {

    private static ChatResponse parse(String fixture) {
        return GeminiResponses.parse(GeminiFixtures.deployment(), GeminiFixtures.text("response/" + fixture).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void text_parts_are_joined() {
        ChatResponse r = parse("text.json");

        assertThat(r.id()).isEqualTo("mAitaLmkHPPlz7IPvtfUqQ4");
        assertThat(r.model()).isEqualTo("gemini-2.5-flash");
        assertThat(r.firstMessage().text()).isEqualTo("The capital of France is Paris.");
        assertThat(r.firstMessage().toolCalls()).isEmpty();
        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(r.usage()).isEqualTo(new Usage(9, 7, 0, 0, 0));
    }

    @Test
    void function_calls_become_tool_calls_with_stable_ids() {
        ChatResponse r = parse("function-calls.json");
        Message m = r.firstMessage();

        assertThat(m.content()).isEmpty();
        assertThat(m.toolCalls()).containsExactly(
                new ToolCall("call_r3sp-1_0", "get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall("call_r3sp-1_1", "get_time", "{\"city\":\"Oslo\",\"utc\":true}"),
                new ToolCall("fc-own-id", "ping", "{}"));
        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(parse("function-calls.json").firstMessage().toolCalls())
                .as("the same answer gets the same ids").isEqualTo(m.toolCalls());
    }

    @Test
    void thought_parts_are_skipped_and_usage_counts_cache_and_thoughts() {
        ChatResponse r = parse("thoughts.json");

        assertThat(r.firstMessage().text()).isEqualTo("42");
        assertThat(r.model()).isEqualTo("gemini-2.5-pro");
        assertThat(r.id()).startsWith("gemini-");
        // input includes the cached tokens; output = candidates + thoughts.
        assertThat(r.usage()).isEqualTo(new Usage(1200, 253, 1024, 0, 250));
    }

    static Stream<Arguments> finishes() {
        return Stream.of(
                Arguments.of("text.json", FinishReason.STOP),
                Arguments.of("function-calls.json", FinishReason.TOOL_CALLS),
                Arguments.of("max-tokens.json", FinishReason.LENGTH),
                Arguments.of("safety.json", FinishReason.CONTENT_FILTER));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("finishes")
    void finish_reason_of_fixture(String fixture, FinishReason expected) {
        assertThat(parse(fixture).choices().get(0).finishReason()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} (calls: {1}) -> {2}")
    @CsvSource({
            "STOP, false, STOP",
            "STOP, true, TOOL_CALLS",
            ", false, STOP",
            "MAX_TOKENS, false, LENGTH",
            "MAX_TOKENS, true, LENGTH",
            "SAFETY, false, CONTENT_FILTER",
            "RECITATION, false, CONTENT_FILTER",
            "BLOCKLIST, false, CONTENT_FILTER",
            "PROHIBITED_CONTENT, false, CONTENT_FILTER",
            "SPII, false, CONTENT_FILTER",
            "IMAGE_SAFETY, false, CONTENT_FILTER",
            "OTHER, false, STOP",
            "LANGUAGE, false, STOP",
            "MALFORMED_FUNCTION_CALL, false, STOP",
            "FINISH_REASON_UNSPECIFIED, false, STOP"})
    void finish_reason_table(String wire, boolean calls, FinishReason expected) {
        assertThat(GeminiResponses.finishReason(wire, calls)).isEqualTo(expected);
    }

    @Test
    void a_blocked_prompt_is_a_content_policy_error() {
        assertThatThrownBy(() -> parse("blocked-prompt.json"))
                .isInstanceOfSatisfying(GatewayError.UpstreamError.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.CONTENT_POLICY);
                    assertThat(e.getMessage()).contains("PROHIBITED_CONTENT");
                    assertThat(e.provider()).isEqualTo("google");
                    assertThat(e.deployment()).isEqualTo("google/flash");
                });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "<html>gateway</html>",
            "[]",
            "\"ok\"",
            "{\"candidates\": []}"})
    void a_2xx_body_that_is_no_response_is_a_garbage_server_error(String body) {
        assertThatThrownBy(() -> GeminiResponses.parse(GeminiFixtures.deployment(), body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(GatewayError.UpstreamError.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
                    assertThat(e.getMessage()).contains("garbage body");
                });
    }

    @Test
    void an_empty_2xx_body_is_garbage_too() {
        assertThatThrownBy(() -> GeminiResponses.parse(GeminiFixtures.deployment(), new byte[0]))
                .isInstanceOfSatisfying(GatewayError.UpstreamError.class,
                        e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR));
    }

    @Test
    void garbage_fixture_is_garbage() {
        assertThatThrownBy(() -> parse("garbage.json")).isInstanceOf(GatewayError.UpstreamError.class);
    }

    @Test
    void an_error_object_in_a_2xx_body_is_classified_like_an_error_response() {
        byte[] body = GeminiFixtures.text("error/resource-exhausted.json").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> GeminiResponses.parse(GeminiFixtures.deployment(), body))
                .isInstanceOfSatisfying(GatewayError.UpstreamError.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(39));
                });
    }

    @Test
    void usage_without_metadata_is_zero() {
        assertThat(GeminiResponses.usage(null)).isEqualTo(Usage.ZERO);
    }
}
