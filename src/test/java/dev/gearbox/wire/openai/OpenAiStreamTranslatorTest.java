package dev.gearbox.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.ToolCallDelta;
import dev.gearbox.chat.Usage;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError.UpstreamError;
import dev.gearbox.providers.SseEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiStreamTranslatorTest {

    private static OpenAiFixtures.Translated translate(String fixture) {
        return OpenAiFixtures.translate("streams/" + fixture, new OpenAiStreamTranslator("openai", "openai/gpt-4o"));
    }

    @Test
    void textStream() {
        OpenAiFixtures.Translated t = translate("text.sse");

        assertThat(t.terminal()).isTrue();
        assertThat(t.chunks()).containsExactly(
                ChatChunk.role(Role.ASSISTANT),
                ChatChunk.text("Hello"),
                ChatChunk.text(", wörld"),
                ChatChunk.text("!"),
                ChatChunk.finish(FinishReason.STOP),
                ChatChunk.usage(Usage.of(9, 4)));
    }

    @Test
    void toolCallDeltasSpreadOverChunks() {
        OpenAiFixtures.Translated t = translate("tool_calls.sse");

        assertThat(t.terminal()).isTrue();
        assertThat(t.chunks()).containsExactly(
                new ChatChunk(0, Role.ASSISTANT, null,
                        List.of(new ToolCallDelta(0, "call_DdmO9pD3xa9XTPNJ32zg2hcA", "get_weather", "")), null, null),
                ChatChunk.tools(List.of(new ToolCallDelta(0, null, null, "{\""))),
                ChatChunk.tools(List.of(new ToolCallDelta(0, null, null, "location"))),
                ChatChunk.tools(List.of(new ToolCallDelta(0, null, null, "\":\"Paris\"}"))),
                ChatChunk.tools(List.of(new ToolCallDelta(1, "call_2", "get_time", "{\"tz\":"))),
                ChatChunk.tools(List.of(new ToolCallDelta(1, null, null, "\"CET\"}"))),
                ChatChunk.finish(FinishReason.TOOL_CALLS),
                ChatChunk.usage(new Usage(120, 31, 64, 0, 0)));
    }

    @Test
    void errorObjectInTheStreamIsThrown() {
        OpenAiStreamTranslator translator = new OpenAiStreamTranslator("openai", "openai/gpt-4o");

        UpstreamError e = catchThrowableOfType(UpstreamError.class,
                () -> OpenAiFixtures.translate("streams/error.sse", translator));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
        assertThat(e.getMessage()).isEqualTo("openai: The server had an error while processing your request. Sorry about that!");
        assertThat(e.deployment()).isEqualTo("openai/gpt-4o");
    }

    @Test
    void cumulativeUsageOnEveryChunkIsEmittedOnceAtTheEnd() {
        OpenAiFixtures.Translated t = translate("vllm_continuous_usage.sse");

        assertThat(t.chunks()).filteredOn(c -> c.usage() != null).containsExactly(ChatChunk.usage(Usage.of(12, 2)));
        assertThat(t.chunks().get(t.chunks().size() - 1).usage()).isNotNull();
        assertThat(t.chunks()).contains(new ChatChunk(0, null, " there", null, FinishReason.STOP, null));
    }

    @Test
    void doneIsTerminalAndAStreamWithoutItIsNot() {
        OpenAiStreamTranslator translator = new OpenAiStreamTranslator();
        List<ChatChunk> out = new ArrayList<>();

        boolean afterChunk = translator.onEvent(new SseEvent(null,
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":null}]}"), out);
        boolean afterDone = translator.onEvent(new SseEvent(null, "[DONE]"), out);

        assertThat(afterChunk).isFalse();
        assertThat(afterDone).isTrue();
        assertThat(out).containsExactly(ChatChunk.text("a"));
    }

    @Test
    void repeatedIdAndNameOnLaterDeltasDoNotStartANewCall() {
        OpenAiStreamTranslator translator = new OpenAiStreamTranslator();
        List<ChatChunk> out = new ArrayList<>();
        String delta = "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"f\",\"arguments\":\"%s\"}}]}}]}";

        translator.onEvent(new SseEvent(null, delta.formatted("{")), out);
        translator.onEvent(new SseEvent(null, delta.formatted("}")), out);

        assertThat(out).containsExactly(
                ChatChunk.tools(List.of(new ToolCallDelta(0, "call_1", "f", "{"))),
                ChatChunk.tools(List.of(new ToolCallDelta(0, null, null, "}"))));
    }

    @Test
    void groqUsageUnderXGroqIsRead() {
        OpenAiStreamTranslator translator = new OpenAiStreamTranslator();
        List<ChatChunk> out = new ArrayList<>();

        translator.onEvent(new SseEvent(null, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                + "\"x_groq\":{\"id\":\"req_1\",\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7,\"total_tokens\":12}}}"), out);
        translator.onEvent(new SseEvent(null, "[DONE]"), out);

        assertThat(out).containsExactly(ChatChunk.finish(FinishReason.STOP), ChatChunk.usage(Usage.of(5, 7)));
    }

    @Test
    void eventThatIsNotJsonIsAServerError() {
        UpstreamError e = catchThrowableOfType(UpstreamError.class,
                () -> new OpenAiStreamTranslator("vllm", "vllm/llama").onEvent(new SseEvent(null, "<html>"), new ArrayList<>()));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
        assertThat(e.getMessage()).startsWith("vllm: ");
    }

    @Test
    void namedErrorEventIsThrown() {
        UpstreamError e = catchThrowableOfType(UpstreamError.class,
                () -> new OpenAiStreamTranslator("p", "p/m").onEvent(
                        new SseEvent("error", "{\"message\":\"overloaded\",\"type\":\"server_error\"}"), new ArrayList<>()));

        assertThat(e.getMessage()).isEqualTo("p: overloaded");
    }
}
