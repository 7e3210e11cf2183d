package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceTool;
import com.anthropic.models.messages.ToolUseBlock;
import dev.gearbox.testing.TestGateway;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Anthropic's official Java SDK, unmodified, against the gateway's /v1/messages over simulated models. */
class AnthropicSdkIT {
    static TestGateway gw;
    static AnthropicClient client;

    @BeforeAll
    static void start() {
        gw = TestGateway.start(TestGateway.SIMULATED_FLEET);
        client = AnthropicOkHttpClient.builder().baseUrl(gw.baseUrl()).apiKey("sk-gearbox-test").maxRetries(0)
                .responseValidation(true).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        gw.close();
    }

    @Test
    void plainMessage() {
        Message m = client.messages().create(MessageCreateParams.builder().model("auto").maxTokens(64).addUserMessage("Say hello").build());
        assertThat(m.id()).startsWith("msg_");
        assertThat(m.model().asString()).isEqualTo("demo-mid");
        assertThat(m.content()).hasSize(1);
        assertThat(m.content().get(0).isText()).isTrue();
        assertThat(m.content().get(0).asText().text()).isNotBlank();
        assertThat(m.stopReason()).contains(StopReason.END_TURN);
        assertThat(m.usage().inputTokens()).isPositive();
        assertThat(m.usage().outputTokens()).isPositive();
    }

    @Test
    void streamingMessageAccumulates() {
        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(
                MessageCreateParams.builder().model("demo-efficient").maxTokens(64).addUserMessage("Tell me a story").build())) {
            s.stream().forEach(acc::accumulate);
        }
        Message m = acc.message();
        assertThat(m.content()).hasSize(1);
        assertThat(m.content().get(0).asText().text()).isNotBlank();
        assertThat(m.stopReason()).contains(StopReason.END_TURN);
        assertThat(m.usage().outputTokens()).isPositive();
    }

    @Test
    void toolUse() {
        Tool weather = Tool.builder().name("get_weather").description("Weather by city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city"))).build())
                .build();
        Message m = client.messages().create(MessageCreateParams.builder().model("demo-frontier").maxTokens(128)
                .addUserMessage("Weather in Paris?").addTool(weather)
                .toolChoice(ToolChoiceTool.builder().name("get_weather").build()).build());
        assertThat(m.stopReason()).contains(StopReason.TOOL_USE);
        ContentBlock block = m.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow();
        ToolUseBlock use = block.asToolUse();
        assertThat(use.name()).isEqualTo("get_weather");
        assertThat(use.id()).isNotBlank();
        assertThat(use._input().toString()).contains("city");
    }

    @Test
    void errorsAreTypedBySdk() {
        var e = org.assertj.core.api.Assertions.catchThrowable(() -> client.messages().create(
                MessageCreateParams.builder().model("no-such-model").maxTokens(16).addUserMessage("hi").build()));
        assertThat(e).isInstanceOf(com.anthropic.errors.NotFoundException.class).hasMessageContaining("no-such-model");
    }
}
