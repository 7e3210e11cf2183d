package dev.gearbox.wire.anthropic;

import static dev.gearbox.chat.Json.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.chat.Usage;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicResponsesTest {

    @Test
    void joinsTextBlocksAndSkipsThinking() {
        ChatResponse r = AnthropicResponses.decode(AnthropicFixtures.json("responses/text.json"));

        assertThat(r.id()).isEqualTo("msg_01XFDUDYJgAACzvnptvVoYEL");
        assertThat(r.model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(r.firstMessage().text()).isEqualTo("Hello! How can I help?");
        assertThat(r.firstMessage().toolCalls()).isEmpty();
        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(r.usage()).isEqualTo(new Usage(12, 9, 0, 0, 0));
    }

    @Test
    void turnsToolUseBlocksIntoToolCallsWithJsonArguments() throws Exception {
        ChatResponse r = AnthropicResponses.decode(AnthropicFixtures.json("responses/tool_use.json"));

        Message m = r.firstMessage();
        assertThat(m.text()).isEqualTo("I'll look that up.");
        assertThat(m.toolCalls()).extracting(ToolCall::id, ToolCall::name)
                .containsExactly(Tuple.tuple("toolu_01A09q90qw90lq917835lq9", "get_weather"),
                        Tuple.tuple("toolu_01B", "get_time"));
        assertThat(MAPPER.readTree(m.toolCalls().get(0).arguments()))
                .isEqualTo(MAPPER.readTree("{\"city\":\"Paris\",\"days\":2}"));
        assertThat(m.toolCalls().get(1).arguments()).isEqualTo("{}");
        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void countsCachedTokensAsInputAndSplitsThemOut() {
        ChatResponse r = AnthropicResponses.decode(AnthropicFixtures.json("responses/cache_usage.json"));

        // input 21 + cache read 8000 + cache write 1500
        assertThat(r.usage()).isEqualTo(new Usage(9521, 100, 8000, 1500, 0));
        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "end_turn, STOP",
            "stop_sequence, STOP",
            "pause_turn, STOP",
            "max_tokens, LENGTH",
            "tool_use, TOOL_CALLS",
            "refusal, CONTENT_FILTER",
            "a_reason_added_later, STOP",
    })
    void mapsEachStopReason(String stopReason, FinishReason expected) {
        ObjectNode body = (ObjectNode) AnthropicFixtures.json("responses/text.json");
        body.put("stop_reason", stopReason);

        assertThat(AnthropicResponses.decode(body).choices().get(0).finishReason()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"boom\"}}",
            "{\"id\":\"x\",\"choices\":[]}",
            "{\"type\":\"message\",\"content\":\"not a list\"}",
            "[]",
            "\"message\"",
    })
    void refusesABodyThatIsNotAMessage(String body) throws Exception {
        assertThatThrownBy(() -> AnthropicResponses.decode(MAPPER.readTree(body)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
