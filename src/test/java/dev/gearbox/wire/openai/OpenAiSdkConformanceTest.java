package dev.gearbox.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.ChatModel;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.ContentPart;
import dev.gearbox.chat.Role;
import dev.gearbox.providers.openai.OpenAiQuirks;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks both directions against the official openai-java SDK: what the SDK sends parses, and what
 * the gateway writes (completions and chunks) is read, validated and accumulated by the SDK.
 */
class OpenAiSdkConformanceTest {
    private static final JsonMapper SDK = ObjectMappers.jsonMapper();

    @Test
    void requestBuiltByTheSdkParsesAndRoundTrips() throws Exception {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(ChatModel.GPT_4O_MINI)
                .addSystemMessage("Be brief.")
                .addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("What is this?").build()),
                        ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url("https://example.com/a.png")
                                        .detail(ChatCompletionContentPartImage.ImageUrl.Detail.LOW).build())
                                .build())))
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("call_9").content("42").build())
                .addFunctionTool(FunctionDefinition.builder().name("lookup").description("Looks up")
                        .parameters(FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object")).build())
                        .build())
                .maxCompletionTokens(128)
                .temperature(0.3)
                .frequencyPenalty(0.1)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .putAdditionalBodyProperty("stream", JsonValue.from(true))
                .build();
        Buffer sent = Buffer.buffer(SDK.writeValueAsBytes(params._body()));

        ChatRequest r = OpenAiRequests.parse(sent);

        assertThat(r.model()).isEqualTo("gpt-4o-mini");
        assertThat(r.messages()).extracting(m -> m.role()).containsExactly(Role.SYSTEM, Role.USER, Role.TOOL);
        assertThat(r.messages().get(1).content().get(1)).isEqualTo(new ContentPart.Image("https://example.com/a.png", "low"));
        assertThat(r.messages().get(2).toolCallId()).isEqualTo("call_9");
        assertThat(r.tools()).singleElement().extracting(t -> t.name()).isEqualTo("lookup");
        assertThat(r.maxTokens()).isEqualTo(128);
        assertThat(r.stream()).isTrue();
        assertThat(r.includeUsage()).isTrue();
        assertThat(r.extra().get("frequency_penalty").asDouble()).isEqualTo(0.1);
        assertThat(OpenAiFixtures.json(OpenAiRequests.write(r, "gpt-4o-mini", OpenAiQuirks.OPENAI)))
                .isEqualTo(OpenAiFixtures.json(sent));
    }

    @Test
    void writtenCompletionsValidateInTheSdk() throws Exception {
        for (String fixture : List.of("text.json", "tool_calls.json", "usage_details.json", "refusal.json")) {
            ChatResponse r = OpenAiResponses.parse(OpenAiFixtures.buffer("responses/" + fixture));
            byte[] written = OpenAiResponses.write(r, "chatcmpl-1", "gpt-4o", 1L).getBytes();

            ChatCompletion c = SDK.readValue(written, ChatCompletion.class).validate();

            assertThat(c.choices()).as(fixture).hasSize(1);
            assertThat(c.usage().orElseThrow().totalTokens()).isEqualTo(r.usage().totalTokens());
        }
    }

    @Test
    void sdkReadsToolCallsAndCachedTokensFromAWrittenCompletion() throws Exception {
        ChatResponse r = OpenAiResponses.parse(OpenAiFixtures.buffer("responses/tool_calls.json"));

        ChatCompletion c = SDK.readValue(OpenAiResponses.write(r, "id", "m", 1L).getBytes(), ChatCompletion.class).validate();

        ChatCompletionMessageFunctionToolCall call = c.choices().get(0).message().toolCalls().orElseThrow().get(1).asFunction();
        assertThat(call.id()).isEqualTo("call_def456");
        assertThat(call.function().arguments()).isEqualTo("{\"location\": \"Paris, FR\"}");
        assertThat(c.choices().get(0).message().content()).isEmpty();
        assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    }

    /** The translator's canonical chunks, re-written for a client, accumulate in the SDK into the whole answer. */
    @Test
    void streamedChunksAccumulateInTheSdk() throws Exception {
        OpenAiFixtures.Translated t = OpenAiFixtures.translate("streams/tool_calls.sse", new OpenAiStreamTranslator());
        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();

        for (ChatChunk chunk : t.chunks()) {
            byte[] json = OpenAiChunks.write(chunk, "chatcmpl-gx", "gpt-4o", 1L).getBytes();
            acc.accumulate(SDK.readValue(json, ChatCompletionChunk.class).validate());
        }
        ChatCompletion done = acc.chatCompletion();

        var calls = done.choices().get(0).message().toolCalls().orElseThrow();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).asFunction().id()).isEqualTo("call_DdmO9pD3xa9XTPNJ32zg2hcA");
        assertThat(calls.get(0).asFunction().function().name()).isEqualTo("get_weather");
        assertThat(calls.get(0).asFunction().function().arguments()).isEqualTo("{\"location\":\"Paris\"}");
        assertThat(calls.get(1).asFunction().function().arguments()).isEqualTo("{\"tz\":\"CET\"}");
        assertThat(done.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens()).contains(64L);
        assertThat(done.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    }

    @Test
    void streamedTextAccumulatesInTheSdk() throws Exception {
        OpenAiFixtures.Translated t = OpenAiFixtures.translate("streams/text.sse", new OpenAiStreamTranslator());
        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();

        for (ChatChunk chunk : t.chunks()) {
            acc.accumulate(SDK.readValue(OpenAiChunks.write(chunk, "c", "m", 1L).getBytes(), ChatCompletionChunk.class).validate());
        }

        assertThat(acc.chatCompletion().choices().get(0).message().content()).contains("Hello, wörld!");
        assertThat(acc.chatCompletion().usage().orElseThrow().completionTokens()).isEqualTo(4);
    }

}
