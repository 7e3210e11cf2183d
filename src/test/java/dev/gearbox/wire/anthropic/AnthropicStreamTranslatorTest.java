package dev.gearbox.wire.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.ToolCallDelta;
import dev.gearbox.chat.Usage;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import dev.gearbox.providers.SseEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicStreamTranslatorTest {

    @Test
    void streamsTextThenFinishThenMergedUsage() {
        assertThat(AnthropicFixtures.translate("streams/text.sse")).containsExactly(
                ChatChunk.role(Role.ASSISTANT),
                ChatChunk.text("Hel"),
                ChatChunk.text("lo!"),
                ChatChunk.finish(FinishReason.STOP),
                // input 25 + cache read 10 + cache write 5 from message_start, output 15 from message_delta
                ChatChunk.usage(new Usage(40, 15, 10, 5, 0)));
    }

    @Test
    void indexesToolDeltasByToolOrdinalNotBlockIndex() {
        assertThat(AnthropicFixtures.translate("streams/tool_use.sse")).containsExactly(
                ChatChunk.role(Role.ASSISTANT),
                ChatChunk.text("Checking both."),
                ChatChunk.tools(List.of(new ToolCallDelta(0, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather", ""))),
                ChatChunk.tools(List.of(new ToolCallDelta(0, null, null, "{\"city\": \"Pa"))),
                ChatChunk.tools(List.of(new ToolCallDelta(0, null, null, "ris\"}"))),
                ChatChunk.tools(List.of(new ToolCallDelta(1, "toolu_02", "get_time", ""))),
                ChatChunk.tools(List.of(new ToolCallDelta(1, null, null, "{\"tz\":\"Asia/Tokyo\"}"))),
                ChatChunk.finish(FinishReason.TOOL_CALLS),
                ChatChunk.usage(new Usage(472, 89, 0, 0, 0)));
    }

    @Test
    void throwsAnErrorEventAsAnUpstreamErrorOfItsClass() {
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator("anthropic-test", "anthropic-test/claude");
        List<ChatChunk> out = new ArrayList<>();
        List<String> events = AnthropicFixtures.sseEvents("streams/error.sse");
        for (String raw : events.subList(0, events.size() - 1)) {
            assertThat(translator.onEvent(event(raw), out)).isFalse();
        }

        assertThatThrownBy(() -> translator.onEvent(event(events.get(events.size() - 1)), out))
                .isInstanceOfSatisfying(GatewayError.UpstreamError.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.OVERLOADED);
                    assertThat(e.provider()).isEqualTo("anthropic-test");
                    assertThat(e.getMessage()).contains("overloaded_error");
                });
        assertThat(out).containsExactly(ChatChunk.role(Role.ASSISTANT), ChatChunk.text("Partial"));
    }

    @Test
    void treatsAnUnknownStreamErrorTypeAsAServerError() {
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator("p", "d");

        assertThatThrownBy(() -> translator.onEvent(new SseEvent("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"brand_new_error\",\"message\":\"?\"}}"), new ArrayList<>()))
                .isInstanceOfSatisfying(GatewayError.UpstreamError.class,
                        e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR));
    }

    @Test
    void refusesAnEventThatIsNotJson() {
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator("p", "d");

        assertThatThrownBy(() -> translator.onEvent(new SseEvent("message_start", "{\"type\": \"message_sta"),
                new ArrayList<>()))
                .isInstanceOfSatisfying(GatewayError.UpstreamError.class,
                        e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR));
    }

    @Test
    void ignoresEventTypesAddedLater() {
        List<ChatChunk> out = new ArrayList<>();

        boolean terminal = new AnthropicStreamTranslator("p", "d")
                .onEvent(new SseEvent("shiny_new_event", "{\"type\":\"shiny_new_event\"}"), out);

        assertThat(terminal).isFalse();
        assertThat(out).isEmpty();
    }

    private static SseEvent event(String raw) {
        String name = null;
        String data = null;
        for (String line : raw.split("\n")) {
            if (line.startsWith("event: ")) name = line.substring(7);
            if (line.startsWith("data: ")) data = line.substring(6);
        }
        return new SseEvent(name, data);
    }
}
