package dev.gearbox.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.ContentPart;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Json;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.Tool;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.chat.ToolCallDelta;
import dev.gearbox.chat.ToolChoice;
import dev.gearbox.chat.Usage;
import dev.gearbox.config.Deployment;
import dev.gearbox.config.ProviderConfig;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import dev.gearbox.providers.ChunkSink;
import dev.gearbox.providers.ChunkStream;
import dev.gearbox.providers.HttpProviderAdapter;
import dev.gearbox.testing.FakeUpstream;
import dev.gearbox.wire.gemini.GeminiFixtures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GeminiAdapterTest {
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
        ProviderConfig p = GeminiFixtures.provider(upstream.baseUrl() + "/");
        adapter = GeminiProtocol.adapter(client, p);
        deployment = GeminiFixtures.deployment(p);
    }

    @AfterEach
    void stop() throws Exception {
        upstream.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void chat_posts_generate_content_with_the_key_in_a_header() throws Exception {
        upstream.enqueue(FakeUpstream.Script.json(200, GeminiFixtures.text("response/text.json")));
        ChatRequest request = request(List.of(Message.text(Role.SYSTEM, "Be brief."), Message.text(Role.USER, "Capital of France?")));

        ChatResponse r = await(adapter.chat(deployment, request));

        FakeUpstream.Recorded sent = upstream.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(sent.query()).isNull();
        assertThat(sent.headers()).containsEntry("x-goog-api-key", GeminiFixtures.KEY)
                .containsEntry("x-team", "search")
                .containsEntry("content-type", "application/json");
        assertThat(sent.body()).doesNotContain(GeminiFixtures.KEY);
        assertThat(body(sent)).isEqualTo(json("""
                {"systemInstruction": {"parts": [{"text": "Be brief."}]},
                 "contents": [{"role": "user", "parts": [{"text": "Capital of France?"}]}]}"""));
        assertThat(r.firstMessage().text()).isEqualTo("The capital of France is Paris.");
        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(r.usage()).isEqualTo(new Usage(9, 7, 0, 0, 0));
    }

    @Test
    void chat_with_tools_sends_declarations_and_results_and_reads_calls() throws Exception {
        upstream.enqueue(FakeUpstream.Script.json(200, GeminiFixtures.text("response/function-calls.json")));
        Message call = new Message(Role.ASSISTANT, null, null, List.of(new ToolCall("call_9", "get_weather", "{\"city\":\"Rome\"}")), null);
        Message result = new Message(Role.TOOL, List.of(new ContentPart.Text("{\"temp_c\": 30}")), null, null, "call_9");
        Tool weather = new Tool("get_weather", "Weather", json("""
                {"type": "object", "properties": {"city": {"type": "string"}}, "additionalProperties": false}"""), true);
        ChatRequest request = new ChatRequest("gemini-flash", List.of(Message.text(Role.USER, "Rome?"), call, result),
                List.of(weather), ToolChoice.named("get_weather"), null, null, null, null, null, null, null, null, false, false, null);

        ChatResponse r = await(adapter.chat(deployment, request));

        JsonNode sent = body(upstream.last());
        assertThat(sent.at("/tools/0/functionDeclarations/0")).isEqualTo(json("""
                {"name": "get_weather", "description": "Weather",
                 "parameters": {"type": "OBJECT", "properties": {"city": {"type": "STRING"}}}}"""));
        assertThat(sent.get("toolConfig")).isEqualTo(json("""
                {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["get_weather"]}}"""));
        assertThat(sent.at("/contents/1/parts/0/functionCall")).isEqualTo(json("{\"name\": \"get_weather\", \"args\": {\"city\": \"Rome\"}}"));
        assertThat(sent.at("/contents/2")).isEqualTo(json("""
                {"role": "user", "parts": [{"functionResponse": {"name": "get_weather", "response": {"temp_c": 30}}}]}"""));
        assertThat(r.firstMessage().toolCalls()).extracting(ToolCall::name).containsExactly("get_weather", "get_time", "ping");
        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void stream_posts_stream_generate_content_as_sse_and_translates_chunks() throws Exception {
        upstream.enqueue(FakeUpstream.Script.sse(GeminiFixtures.sseEvents("stream/text.sse")));

        Collected c = collect(await(adapter.stream(deployment, request(List.of(Message.text(Role.USER, "Sky colour?"))).withStream(true))));
        c.ended.get(10, TimeUnit.SECONDS);

        FakeUpstream.Recorded sent = upstream.last();
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
        assertThat(sent.query()).isEqualTo("alt=sse");
        assertThat(sent.headers()).containsEntry("x-goog-api-key", GeminiFixtures.KEY);
        assertThat(body(sent).at("/contents/0/parts/0/text").asText()).isEqualTo("Sky colour?");
        assertThat(c.chunks).containsExactly(
                ChatChunk.role(Role.ASSISTANT),
                ChatChunk.text("The sky"),
                ChatChunk.text(" is blue"),
                ChatChunk.text("."),
                ChatChunk.finish(FinishReason.STOP),
                ChatChunk.usage(new Usage(8, 16, 4, 0, 11)));
    }

    @Test
    void streamed_function_calls_arrive_as_whole_deltas() throws Exception {
        upstream.enqueue(FakeUpstream.Script.sse(GeminiFixtures.sseEvents("stream/function-call.sse")).withGap(Duration.ofMillis(5)));

        Collected c = collect(await(adapter.stream(deployment, request(List.of(Message.text(Role.USER, "Paris and Oslo?"))))));
        c.ended.get(10, TimeUnit.SECONDS);

        assertThat(c.chunks).contains(
                ChatChunk.tools(List.of(new ToolCallDelta(0, "call_s2_0", "get_weather", "{\"city\":\"Paris\"}"))),
                ChatChunk.tools(List.of(new ToolCallDelta(1, "call_s2_1", "get_time", "{\"city\":\"Oslo\"}"))),
                ChatChunk.finish(FinishReason.TOOL_CALLS));
    }

    @Test
    void an_error_response_fails_the_call_with_its_class_and_wait() {
        upstream.enqueue(FakeUpstream.Script.json(429, GeminiFixtures.text("error/resource-exhausted.json")));

        assertThatThrownBy(() -> await(adapter.chat(deployment, request(List.of(Message.text(Role.USER, "hi"))))))
                .isInstanceOfSatisfying(GatewayError.UpstreamError.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
                    assertThat(e.upstreamStatus()).isEqualTo(429);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(39));
                    assertThat(e.getMessage()).doesNotContain(GeminiFixtures.KEY);
                });
    }

    @Test
    void an_error_response_to_a_stream_fails_before_any_chunk() {
        upstream.enqueue(FakeUpstream.Script.json(503, GeminiFixtures.text("error/unavailable.json")));

        assertThatThrownBy(() -> await(adapter.stream(deployment, request(List.of(Message.text(Role.USER, "hi"))))))
                .isInstanceOfSatisfying(GatewayError.UpstreamError.class,
                        e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.OVERLOADED));
    }

    @Test
    void a_stream_dropped_before_the_final_chunk_fails() throws Exception {
        // The gap keeps the drop after start(): HttpChunkStream.start throws if the connection is
        // already gone by then (reported to the integrator; not this adapter's code).
        upstream.enqueue(FakeUpstream.Script.sse(GeminiFixtures.sseEvents("stream/text.sse"))
                .withGap(Duration.ofMillis(100)).droppingAfter(2));

        Collected c = collect(await(adapter.stream(deployment, request(List.of(Message.text(Role.USER, "Sky colour?"))))));

        assertThatThrownBy(() -> c.ended.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(GatewayError.UpstreamError.class,
                        e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.CONNECTION));
        assertThat(c.chunks).doesNotContain(ChatChunk.finish(FinishReason.STOP));
    }

    @Test
    void a_stream_that_ends_cleanly_without_a_finish_reason_fails() throws Exception {
        List<String> events = GeminiFixtures.sseEvents("stream/text.sse");
        upstream.enqueue(FakeUpstream.Script.sse(events.subList(0, events.size() - 1)));

        Collected c = collect(await(adapter.stream(deployment, request(List.of(Message.text(Role.USER, "Sky colour?"))))));

        assertThatThrownBy(() -> c.ended.get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(GatewayError.UpstreamError.class);
        assertThat(c.chunks).contains(ChatChunk.text(" is blue"));
    }

    @Test
    void an_error_event_mid_stream_fails_the_stream() throws Exception {
        upstream.enqueue(FakeUpstream.Script.sse(GeminiFixtures.sseEvents("stream/error.sse")));

        Collected c = collect(await(adapter.stream(deployment, request(List.of(Message.text(Role.USER, "hi"))))));

        assertThatThrownBy(() -> c.ended.get(10, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(GatewayError.UpstreamError.class,
                        e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.OVERLOADED));
        assertThat(c.chunks).containsExactly(ChatChunk.role(Role.ASSISTANT), ChatChunk.text("Partial"));
    }

    // --- helpers ---

    /** Chunks as the sink saw them; {@code ended} completes on onEnd and fails on onError. */
    private record Collected(List<ChatChunk> chunks, CompletableFuture<Void> ended) {}

    private static Collected collect(ChunkStream stream) {
        Collected c = new Collected(new CopyOnWriteArrayList<>(), new CompletableFuture<>());
        stream.start(new ChunkSink() {
            @Override public void onChunk(ChatChunk chunk) { c.chunks.add(chunk); }
            @Override public void onEnd() { c.ended.complete(null); }
            @Override public void onError(GatewayError error) { c.ended.completeExceptionally(error); }
        });
        return c;
    }

    private static <T> T await(Future<T> f) throws Exception {
        try {
            return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            throw e;
        }
    }

    private static ChatRequest request(List<Message> messages) {
        return ChatRequest.of("gemini-flash", messages);
    }

    private static JsonNode body(FakeUpstream.Recorded r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    private static JsonNode json(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
