package dev.gearbox.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.Choice;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.chat.Usage;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError.UpstreamError;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiResponsesTest {

    private static ChatResponse parse(String fixture) {
        return OpenAiResponses.parse(OpenAiFixtures.buffer("responses/" + fixture), "openai", "openai/gpt-4o");
    }

    @Test
    void textCompletion() {
        ChatResponse r = parse("text.json");

        assertThat(r.id()).isEqualTo("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
        assertThat(r.model()).isEqualTo("gpt-4.1-2025-04-14");
        assertThat(r.choices()).containsExactly(new Choice(0,
                Message.text(Role.ASSISTANT, "Hello! How can I assist you today?"), FinishReason.STOP));
        assertThat(r.usage()).isEqualTo(Usage.of(19, 10));
    }

    @Test
    void toolCallsWithNullContent() {
        ChatResponse r = parse("tool_calls.json");

        Message m = r.firstMessage();
        assertThat(m.content()).isEmpty();
        assertThat(m.toolCalls()).containsExactly(
                new ToolCall("call_abc123", "get_current_weather", "{\n\"location\": \"Boston, MA\"\n}"),
                new ToolCall("call_def456", "get_current_weather", "{\"location\": \"Paris, FR\"}"));
        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(r.usage()).isEqualTo(Usage.of(82, 17));
    }

    @Test
    void usageWithCachedAndReasoningTokens() {
        ChatResponse r = parse("usage_details.json");

        assertThat(r.usage()).isEqualTo(new Usage(2048, 1500, 1920, 0, 1408));
        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void refusalWithoutContentBecomesTheText() {
        assertThat(parse("refusal.json").firstMessage().text()).isEqualTo("I'm sorry, I can't help with that.");
    }

    @Test
    void errorObjectInA200IsClassifiedNotParsed() {
        UpstreamError e = catchThrowableOfType(UpstreamError.class, () -> parse("error_in_200.json"));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.CONTEXT_LENGTH);
        assertThat(e.getMessage()).isEqualTo("openai: This model's maximum context length is 8192 tokens.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html>502 Bad Gateway</html>", "", "[1,2]", "{\"id\":\"x\",\"object\":\"list\"}",
            "{\"choices\":[{\"index\":0}]}", "{\"choices\": [ "})
    void garbageBodyIsAServerError(String body) {
        UpstreamError e = catchThrowableOfType(UpstreamError.class,
                () -> OpenAiResponses.parse(Buffer.buffer(body), "openai", "openai/gpt-4o"));

        assertThat(e).isNotNull();
        assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
        assertThat(e.provider()).isEqualTo("openai");
        assertThat(e.deployment()).isEqualTo("openai/gpt-4o");
        assertThat(e.getMessage()).startsWith("openai: ");
    }

    @Test
    void writeToolCallsIsSpecExact() {
        ChatResponse r = parse("tool_calls.json");

        Buffer written = OpenAiResponses.write(r, "chatcmpl-gx-1", "gpt-4o-mini", 1_700_000_000L);

        assertThat(OpenAiFixtures.json(written)).isEqualTo(OpenAiFixtures.json("responses/written_tool_calls.json"));
    }

    @Test
    void writeUsageDetailsIsSpecExact() {
        ChatResponse r = parse("usage_details.json");

        Buffer written = OpenAiResponses.write(r, "chatcmpl-gx-2", "o3-mini", 1_700_000_001L);

        assertThat(OpenAiFixtures.json(written)).isEqualTo(OpenAiFixtures.json("responses/written_usage_details.json"));
    }

    @Test
    void writeThenParseKeepsEverything() {
        ChatResponse original = new ChatResponse("id-1", "m", List.of(
                new Choice(0, new Message(Role.ASSISTANT, List.of(new dev.gearbox.chat.ContentPart.Text("Checking.")), null,
                        List.of(new ToolCall("call_1", "lookup", "{\"q\":\"ü\"}")), null), FinishReason.TOOL_CALLS),
                new Choice(1, Message.text(Role.ASSISTANT, "Other answer"), FinishReason.CONTENT_FILTER)),
                new Usage(10, 5, 3, 0, 2));

        ChatResponse back = OpenAiResponses.parse(OpenAiResponses.write(original, "id-1", "m", 1L));

        assertThat(back).isEqualTo(original);
    }

    @Test
    void legacyFunctionCallRoundTrips() {
        String body = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-3.5-turbo-0613\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":null,\"function_call\":{\"name\":\"f\",\"arguments\":\"{}\"}},"
                + "\"finish_reason\":\"function_call\"}]}";

        ChatResponse r = OpenAiResponses.parse(Buffer.buffer(body));
        var written = OpenAiFixtures.json(OpenAiResponses.write(r, "c", "gpt-3.5-turbo-0613", 1L));

        assertThat(r.firstMessage().toolCalls()).containsExactly(new ToolCall(null, "f", "{}"));
        assertThat(written.at("/choices/0/message/function_call/name").asText()).isEqualTo("f");
        assertThat(written.at("/choices/0/message").has("tool_calls")).isFalse();
        assertThat(written.at("/choices/0/finish_reason").asText()).isEqualTo("function_call");
    }
}
