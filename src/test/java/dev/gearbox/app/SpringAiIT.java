package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;

/** Spring AI's OpenAI chat model, unmodified, against the gateway over simulated models (the README's snippet). */
class SpringAiIT {
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
        OpenAiApi api = OpenAiApi.builder().baseUrl(gw.baseUrl()).apiKey("sk-anything").build();
        OpenAiChatModel model = OpenAiChatModel.builder().openAiApi(api)
                .defaultOptions(OpenAiChatOptions.builder().model("auto").build()).build();
        ChatResponse r = model.call(new Prompt("Say hello"));
        assertThat(r.getResult().getOutput().getText()).isNotBlank();
        assertThat(r.getMetadata().getModel()).isEqualTo("demo-mid");
        assertThat(r.getMetadata().getUsage().getCompletionTokens()).isPositive();
    }

    @Test
    void streaming() {
        OpenAiApi api = OpenAiApi.builder().baseUrl(gw.baseUrl()).apiKey("sk-anything").build();
        OpenAiChatModel model = OpenAiChatModel.builder().openAiApi(api)
                .defaultOptions(OpenAiChatOptions.builder().model("demo-efficient").build()).build();
        StringBuilder text = new StringBuilder();
        model.stream(new Prompt("Tell me a story")).toStream().forEach(c -> {
            if (c.getResult() != null && c.getResult().getOutput().getText() != null) text.append(c.getResult().getOutput().getText());
        });
        assertThat(text).isNotEmpty();
    }
}
