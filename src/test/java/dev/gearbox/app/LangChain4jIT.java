package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.testing.TestGateway;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LangChain4j's OpenAI chat models, unmodified, against the gateway over simulated models (the README's snippet). */
class LangChain4jIT {
    static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = TestGateway.start(TestGateway.SIMULATED_FLEET);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void chat() {
        OpenAiChatModel model = OpenAiChatModel.builder()
                .baseUrl(gw.baseUrl() + "/v1")
                .apiKey("sk-anything")
                .modelName("auto")
                .build();
        String answer = model.chat("Say hello");
        assertThat(answer).isNotBlank();
    }

    @Test
    void streaming() throws Exception {
        OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(gw.baseUrl() + "/v1").apiKey("sk-anything")
                .modelName("auto").build();
        StringBuilder partial = new StringBuilder();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat("Tell me a story", new StreamingChatResponseHandler() {
            @Override public void onPartialResponse(String p) { partial.append(p); }
            @Override public void onCompleteResponse(ChatResponse r) { done.complete(r); }
            @Override public void onError(Throwable t) { done.completeExceptionally(t); }
        });
        ChatResponse r = done.get(30, TimeUnit.SECONDS);
        assertThat(partial.toString()).isNotBlank().isEqualTo(r.aiMessage().text());
        assertThat(r.tokenUsage().outputTokenCount()).isPositive();
        assertThat(r.metadata().modelName()).isEqualTo("demo-mid");
    }

    @Test
    void tools() {
        OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(gw.baseUrl() + "/v1").apiKey("sk-anything").modelName("demo-frontier").build();
        ToolSpecification weather = ToolSpecification.builder().name("get_weather").description("Weather by city")
                .parameters(JsonObjectSchema.builder().addStringProperty("city").required("city").build()).build();
        ChatResponse r = model.chat(ChatRequest.builder().messages(UserMessage.from("Weather in Paris?"))
                .toolSpecifications(weather).toolChoice(ToolChoice.REQUIRED).build());
        AiMessage ai = r.aiMessage();
        assertThat(ai.hasToolExecutionRequests()).isTrue();
        assertThat(ai.toolExecutionRequests().get(0).name()).isEqualTo("get_weather");
        assertThat(ai.toolExecutionRequests().get(0).arguments()).contains("city");
    }
}
