package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ToolChoiceFunction;
import dev.gearbox.testing.TestGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK's Responses API, unmodified, against the gateway's /v1/responses over simulated models. */
class OpenAiResponsesSdkIT {
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
    void plainResponse() {
        Response r = client.responses().create(ResponseCreateParams.builder().model("auto").input("Say hello")
                .instructions("Be brief.").build());
        assertThat(r.id()).startsWith("resp_");
        assertThat(r.model().asString()).isEqualTo("demo-mid");
        assertThat(r.output()).hasSize(1);
        ResponseOutputItem item = r.output().get(0);
        assertThat(item.isMessage()).isTrue();
        assertThat(item.asMessage().content().get(0).asOutputText().text()).isNotBlank();
        assertThat(r.usage()).isPresent();
        assertThat(r.usage().get().outputTokens()).isPositive();
    }

    @Test
    void streamedResponse() {
        List<String> types = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ResponseStreamEvent> s = client.responses().createStreaming(
                ResponseCreateParams.builder().model("demo-efficient").input("Tell me a story").build())) {
            s.stream().forEach(e -> {
                if (e.isCreated()) types.add("created");
                if (e.isOutputTextDelta()) text.append(e.asOutputTextDelta().delta());
                if (e.isCompleted()) {
                    types.add("completed");
                    Response r = e.asCompleted().response();
                    assertThat(r.output().get(0).asMessage().content().get(0).asOutputText().text()).isEqualTo(text.toString());
                    assertThat(r.usage().get().outputTokens()).isPositive();
                }
            });
        }
        assertThat(types).containsExactly("created", "completed");
        assertThat(text).isNotEmpty();
    }

    @Test
    void functionCall() {
        FunctionTool weather = FunctionTool.builder().name("get_weather").strict(false)
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city"))).build())
                .build();
        Response r = client.responses().create(ResponseCreateParams.builder().model("demo-frontier").input("Weather in Paris?")
                .addTool(weather).toolChoice(ToolChoiceFunction.builder().name("get_weather").build()).build());
        ResponseOutputItem item = r.output().stream().filter(ResponseOutputItem::isFunctionCall).findFirst().orElseThrow();
        assertThat(item.asFunctionCall().name()).isEqualTo("get_weather");
        assertThat(item.asFunctionCall().arguments()).contains("city");
        assertThat(item.asFunctionCall().callId()).isNotBlank();
    }
}
