package dev.gearbox.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.ToolCallDelta;
import dev.gearbox.chat.Usage;
import dev.gearbox.providers.SseEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiChunksTest {

    private static JsonNode write(ChatChunk c) {
        return OpenAiFixtures.json(OpenAiChunks.write(c, "chatcmpl-gx", "gpt-4o-mini", 1_700_000_000L));
    }

    @Test
    void textDelta() {
        assertThat(write(ChatChunk.text("Hel"))).isEqualTo(OpenAiFixtures.json(io.vertx.core.buffer.Buffer.buffer(
                "{\"id\":\"chatcmpl-gx\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o-mini\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"logprobs\":null,\"finish_reason\":null}]}")));
    }

    @Test
    void roleChunkCarriesEmptyContentLikeOpenAi() {
        JsonNode j = write(ChatChunk.role(Role.ASSISTANT));

        assertThat(j.at("/choices/0/delta").toString()).isEqualTo("{\"role\":\"assistant\",\"content\":\"\"}");
    }

    @Test
    void firstToolDeltaHasIdTypeAndNameLaterOnesOnlyArguments() {
        JsonNode first = write(ChatChunk.tools(List.of(new ToolCallDelta(0, "call_1", "get_weather", ""))));
        JsonNode later = write(ChatChunk.tools(List.of(new ToolCallDelta(0, null, null, "{\"city\""))));

        assertThat(first.at("/choices/0/delta/tool_calls/0").toString())
                .isEqualTo("{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}");
        assertThat(later.at("/choices/0/delta/tool_calls/0").toString())
                .isEqualTo("{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\"\"}}");
    }

    @Test
    void finishChunkHasEmptyDelta() {
        JsonNode j = write(new ChatChunk(1, null, null, null, FinishReason.LENGTH, null));

        assertThat(j.at("/choices/0/index").asInt()).isEqualTo(1);
        assertThat(j.at("/choices/0/delta").isEmpty()).isTrue();
        assertThat(j.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void usageOnlyChunkHasEmptyChoices() {
        JsonNode j = write(ChatChunk.usage(new Usage(100, 20, 64, 0, 8)));

        assertThat(j.get("choices").isArray()).isTrue();
        assertThat(j.get("choices").isEmpty()).isTrue();
        assertThat(j.get("usage").toString()).isEqualTo("{\"prompt_tokens\":100,\"completion_tokens\":20,\"total_tokens\":120,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":64},\"completion_tokens_details\":{\"reasoning_tokens\":8}}");
    }

    /** What the translator reads back from the writer is what went in: ingress and adapter agree. */
    @Test
    void translatorReadsBackWhatTheWriterWrote() {
        List<ChatChunk> chunks = List.of(
                ChatChunk.role(Role.ASSISTANT),
                ChatChunk.text("Let me check. "),
                ChatChunk.tools(List.of(new ToolCallDelta(0, "call_1", "lookup", ""))),
                ChatChunk.tools(List.of(new ToolCallDelta(0, null, null, "{\"q\":1}"))),
                ChatChunk.finish(FinishReason.TOOL_CALLS),
                ChatChunk.usage(Usage.of(5, 6)));
        OpenAiStreamTranslator translator = new OpenAiStreamTranslator();
        List<ChatChunk> back = new ArrayList<>();

        for (ChatChunk c : chunks) {
            translator.onEvent(new SseEvent(null, OpenAiChunks.write(c, "id", "m", 1L).toString()), back);
        }
        boolean terminal = translator.onEvent(new SseEvent(null, "[DONE]"), back);

        assertThat(terminal).isTrue();
        assertThat(back).containsExactlyElementsOf(chunks);
    }
}
