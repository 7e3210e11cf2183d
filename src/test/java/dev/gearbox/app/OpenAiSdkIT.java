package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.gearbox.chat.Json;
import dev.gearbox.testing.TestGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK, unmodified, against a running gateway over simulated models. */
class OpenAiSdkIT {
    static TestGateway gw;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        gw = TestGateway.start(TestGateway.SIMULATED_FLEET);
        client = OpenAIOkHttpClient.builder().baseUrl(gw.baseUrl() + "/v1").apiKey("sk-gearbox-test").maxRetries(0)
                .responseValidation(true).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        gw.close();
    }

    @Test
    void plainCompletion() {
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("auto").addUserMessage("Say hello").build());
        assertThat(c.model()).isEqualTo("demo-mid");
        assertThat(c.choices()).hasSize(1);
        assertThat(c.choices().get(0).message().content()).get().asString().isNotBlank();
        assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(c.usage()).isPresent();
        assertThat(c.usage().get().completionTokens()).isPositive();
    }

    @Test
    void streamingCompletionWithUsage() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("auto").addUserMessage("Tell me a story")
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            s.stream().forEach(chunks::add);
        }
        StringBuilder text = new StringBuilder();
        for (ChatCompletionChunk c : chunks) {
            if (!c.choices().isEmpty()) c.choices().get(0).delta().content().ifPresent(text::append);
        }
        assertThat(text.toString()).isNotBlank();
        assertThat(chunks.get(chunks.size() - 1).usage()).isPresent();
        assertThat(chunks.get(chunks.size() - 1).usage().get().completionTokens()).isPositive();
    }

    @Test
    void toolCallRoundTrip() throws Exception {
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("auto")
                .addUserMessage("What is the weather in Paris?")
                .addFunctionTool(FunctionDefinition.builder().name("get_weather").description("Current weather")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                                .build())
                        .build())
                .toolChoice(com.openai.models.chat.completions.ChatCompletionToolChoiceOption.Auto.REQUIRED)
                .build());
        assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall call = c.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(call.function().name()).isEqualTo("get_weather");
        JsonNode args = Json.MAPPER.readTree(call.function().arguments());
        assertThat(args.path("city").isTextual()).isTrue();
        assertThat(call.id()).isNotBlank();
    }

    @Test
    void streamedToolCall() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("auto").addUserMessage("weather in Oslo")
                        .addFunctionTool(FunctionDefinition.builder().name("get_weather")
                                .parameters(FunctionParameters.builder()
                                        .putAdditionalProperty("type", JsonValue.from("object"))
                                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                                        .build()).build())
                        .toolChoice(com.openai.models.chat.completions.ChatCompletionToolChoiceOption.Auto.REQUIRED)
                        .build())) {
            s.stream().forEach(chunks::add);
        }
        StringBuilder args = new StringBuilder();
        String name = null;
        for (ChatCompletionChunk c : chunks) {
            if (c.choices().isEmpty()) continue;
            for (var t : c.choices().get(0).delta().toolCalls().orElse(List.of())) {
                if (t.function().isPresent()) {
                    if (t.function().get().name().isPresent()) name = t.function().get().name().get();
                    t.function().get().arguments().ifPresent(args::append);
                }
            }
        }
        assertThat(name).isEqualTo("get_weather");
        assertThat(args.toString()).contains("city");
    }
}
