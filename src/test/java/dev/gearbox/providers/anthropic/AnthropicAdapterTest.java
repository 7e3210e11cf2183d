package dev.gearbox.providers.anthropic;

import static dev.gearbox.chat.Json.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.Tool;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.chat.ToolCallDelta;
import dev.gearbox.chat.ToolChoice;
import dev.gearbox.chat.Usage;
import dev.gearbox.config.Deployment;
import dev.gearbox.config.ProviderConfig;
import dev.gearbox.config.Secret;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import dev.gearbox.providers.ChunkSink;
import dev.gearbox.providers.HttpProviderAdapter;
import dev.gearbox.testing.FakeUpstream;
import dev.gearbox.testing.FakeUpstream.Script;
import dev.gearbox.wire.anthropic.AnthropicFixtures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Anthropic protocol driven through the shared HTTP adapter against a real in-process upstream. */
class AnthropicAdapterTest {
    private static final String KEY = "sk-ant-test-0123456789";
    private static final String UPSTREAM_MODEL = "claude-sonnet-4-5-20250929";

    private Vertx vertx;
    private FakeUpstream upstream;
    private HttpClient client;
    private HttpProviderAdapter adapter;
    private Deployment deployment;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        upstream = FakeUpstream.start(vertx);
        client = vertx.createHttpClient();
        ProviderConfig provider = new ProviderConfig("anthropic-main", "anthropic", upstream.baseUrl(),
                Secret.of(KEY, "env:ANTHROPIC_API_KEY"), Map.of("anthropic-beta", "token-efficient-tools-2025-02-19"),
                Map.of(AnthropicProtocol.OPTION_DEFAULT_MAX_TOKENS, 1024));
        adapter = AnthropicProtocol.adapter(client, provider);
        deployment = new Deployment("anthropic-main/claude-sonnet", "claude-sonnet", UPSTREAM_MODEL, provider, 1, 0, 0);
    }

    @AfterEach
    void stop() throws Exception {
        upstream.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void sendsAMessagesCallAndReadsTheTextAnswer() throws Exception {
        upstream.enqueue(Script.json(200, AnthropicFixtures.text("responses/text.json")));

        ChatResponse response = await(adapter.chat(deployment, ChatRequest.of("claude-sonnet", List.of(
                Message.text(Role.SYSTEM, "Be kind."), Message.text(Role.USER, "Hi!")))));

        FakeUpstream.Recorded sent = upstream.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.headers()).containsEntry("x-api-key", KEY)
                .containsEntry("anthropic-version", "2023-06-01")
                .containsEntry("anthropic-beta", "token-efficient-tools-2025-02-19")
                .containsEntry("content-type", "application/json")
                .doesNotContainKey("authorization");
        assertThat(MAPPER.readTree(sent.body())).isEqualTo(MAPPER.readTree("""
                {"model": "claude-sonnet-4-5-20250929", "max_tokens": 1024,
                 "system": [{"type": "text", "text": "Be kind."}],
                 "messages": [{"role": "user", "content": [{"type": "text", "text": "Hi!"}]}]}"""));

        assertThat(response.model()).isEqualTo(UPSTREAM_MODEL);
        assertThat(response.firstMessage().text()).isEqualTo("Hello! How can I help?");
        assertThat(response.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.usage()).isEqualTo(Usage.of(12, 9));
    }

    @Test
    void sendsToolsAndReadsToolCalls() throws Exception {
        upstream.enqueue(Script.json(200, AnthropicFixtures.text("responses/tool_use.json")));
        ChatRequest request = new ChatRequest("claude-sonnet", List.of(Message.text(Role.USER, "Weather in Paris?")),
                List.of(new Tool("get_weather", "Weather for a city", MAPPER.readTree(
                        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"), null)),
                ToolChoice.REQUIRED, null, null, null, 300, null, null, null, null, false, false, null);

        ChatResponse response = await(adapter.chat(deployment, request));

        JsonNode sent = MAPPER.readTree(upstream.last().body());
        assertThat(sent.get("max_tokens").intValue()).isEqualTo(300);
        assertThat(sent.get("tools")).isEqualTo(MAPPER.readTree("""
                [{"name": "get_weather", "description": "Weather for a city",
                  "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}}]"""));
        assertThat(sent.get("tool_choice")).isEqualTo(MAPPER.readTree("{\"type\": \"any\"}"));
        assertThat(response.firstMessage().toolCalls()).extracting(ToolCall::name).containsExactly("get_weather", "get_time");
        assertThat(MAPPER.readTree(response.firstMessage().toolCalls().get(0).arguments()))
                .isEqualTo(MAPPER.readTree("{\"city\": \"Paris\", \"days\": 2}"));
        assertThat(response.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void streamsToolCallsToTheEnd() throws Exception {
        upstream.enqueue(Script.sse(AnthropicFixtures.sseEvents("streams/tool_use.sse")));

        RecordingSink sink = stream(ChatRequest.of("claude-sonnet", List.of(Message.text(Role.USER, "Weather and time?"))));

        assertThat(sink.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("end");
        assertThat(MAPPER.readTree(upstream.last().body()).get("stream").asBoolean()).isTrue();
        assertThat(upstream.last().path()).isEqualTo("/v1/messages");
        assertThat(sink.chunks).containsExactly(
                ChatChunk.role(Role.ASSISTANT),
                ChatChunk.text("Checking both."),
                ChatChunk.tools(List.of(new ToolCallDelta(0, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather", ""))),
                ChatChunk.tools(List.of(new ToolCallDelta(0, null, null, "{\"city\": \"Pa"))),
                ChatChunk.tools(List.of(new ToolCallDelta(0, null, null, "ris\"}"))),
                ChatChunk.tools(List.of(new ToolCallDelta(1, "toolu_02", "get_time", ""))),
                ChatChunk.tools(List.of(new ToolCallDelta(1, null, null, "{\"tz\":\"Asia/Tokyo\"}"))),
                ChatChunk.finish(FinishReason.TOOL_CALLS),
                ChatChunk.usage(Usage.of(472, 89)));
    }

    @Test
    void reportsARateLimitWithItsRetryAfter() {
        upstream.enqueue(Script.json(429, """
                {"type": "error", "error": {"type": "rate_limit_error", "message": "Too many requests"},
                 "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy"}""").withHeader("retry-after", "7"));

        assertThatThrownBy(() -> await(adapter.chat(deployment, ChatRequest.of("claude-sonnet",
                List.of(Message.text(Role.USER, "Hi"))))))
                .isInstanceOfSatisfying(GatewayError.UpstreamError.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
                    assertThat(e.upstreamStatus()).isEqualTo(429);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(e.deployment()).isEqualTo("anthropic-main/claude-sonnet");
                    assertThat(e.getMessage()).contains("rate_limit_error").doesNotContain(KEY);
                });
    }

    @Test
    void failsAStreamThatIsRefusedBeforeItStarts() {
        upstream.enqueue(Script.json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));

        assertThatThrownBy(() -> await(adapter.stream(deployment, ChatRequest.of("claude-sonnet",
                List.of(Message.text(Role.USER, "Hi"))))))
                .isInstanceOfSatisfying(GatewayError.UpstreamError.class,
                        e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.OVERLOADED));
    }

    @Test
    void failsAStreamThatDropsBeforeMessageStop() throws Exception {
        upstream.enqueue(Script.sse(AnthropicFixtures.sseEvents("streams/text.sse")).droppingAfter(4));

        RecordingSink sink = stream(ChatRequest.of("claude-sonnet", List.of(Message.text(Role.USER, "Hi"))));

        assertThat(sink.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("error");
        assertThat(sink.error.errorClass()).isEqualTo(ErrorClass.CONNECTION);
        // a reset may discard bytes still in flight, so fewer chunks may arrive, never more or others
        List<ChatChunk> sent = List.of(ChatChunk.role(Role.ASSISTANT), ChatChunk.text("Hel"));
        assertThat(sink.chunks).hasSizeLessThanOrEqualTo(sent.size());
        assertThat(sink.chunks).isEqualTo(sent.subList(0, sink.chunks.size()));
    }

    @Test
    void failsAStreamThatEndsCleanlyWithoutMessageStop() throws Exception {
        List<String> events = AnthropicFixtures.sseEvents("streams/text.sse");
        upstream.enqueue(Script.sse(events.subList(0, events.size() - 1)));

        RecordingSink sink = stream(ChatRequest.of("claude-sonnet", List.of(Message.text(Role.USER, "Hi"))));

        assertThat(sink.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("error");
        assertThat(sink.error.errorClass()).isEqualTo(ErrorClass.CONNECTION);
        assertThat(sink.chunks).containsExactly(ChatChunk.role(Role.ASSISTANT), ChatChunk.text("Hel"),
                ChatChunk.text("lo!"), ChatChunk.finish(FinishReason.STOP));
    }

    @Test
    void failsAStreamOnAnErrorEvent() throws Exception {
        upstream.enqueue(Script.sse(AnthropicFixtures.sseEvents("streams/error.sse")));

        RecordingSink sink = stream(ChatRequest.of("claude-sonnet", List.of(Message.text(Role.USER, "Hi"))));

        assertThat(sink.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("error");
        assertThat(sink.error.errorClass()).isEqualTo(ErrorClass.OVERLOADED);
        assertThat(sink.chunks).containsExactly(ChatChunk.role(Role.ASSISTANT), ChatChunk.text("Partial"));
    }

    @Test
    void reportsAGarbage200BodyAsAServerError() {
        upstream.enqueue(Script.json(200, "{\"choices\": []}"));

        assertThatThrownBy(() -> await(adapter.chat(deployment, ChatRequest.of("claude-sonnet",
                List.of(Message.text(Role.USER, "Hi"))))))
                .isInstanceOfSatisfying(GatewayError.UpstreamError.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
                    assertThat(e.getMessage()).contains("garbage body");
                });
    }

    /**
     * Starts the stream in the callback on the event loop, as dispatch does. Starting it later from
     * the test thread races a fast upstream reset: HttpChunkStream.start then throws
     * "Response already ended" instead of failing the sink (reported to the owner of providers/).
     */
    private RecordingSink stream(ChatRequest request) throws Exception {
        RecordingSink sink = new RecordingSink();
        await(adapter.stream(deployment, request).map(stream -> {
            stream.start(sink);
            return sink;
        }));
        return sink;
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            throw e;
        }
    }

    /** Collects chunks and completes with "end" or "error", exactly once. */
    private static final class RecordingSink implements ChunkSink {
        final List<ChatChunk> chunks = new CopyOnWriteArrayList<>();
        final CompletableFuture<String> outcome = new CompletableFuture<>();
        volatile GatewayError.UpstreamError error;

        @Override
        public void onChunk(ChatChunk chunk) {
            if (outcome.isDone()) throw new AssertionError("chunk after the stream ended: " + chunk);
            chunks.add(chunk);
        }

        @Override
        public void onEnd() {
            if (!outcome.complete("end")) throw new AssertionError("second outcome: end");
        }

        @Override
        public void onError(GatewayError e) {
            error = (GatewayError.UpstreamError) e;
            if (!outcome.complete("error")) throw new AssertionError("second outcome: error " + e.getMessage());
        }
    }
}
