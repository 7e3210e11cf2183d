package dev.gearbox.providers.openai;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import dev.gearbox.error.GatewayError.UpstreamError;
import dev.gearbox.providers.ChunkSink;
import dev.gearbox.providers.ChunkStream;
import dev.gearbox.providers.HttpProviderAdapter;
import dev.gearbox.testing.FakeUpstream;
import dev.gearbox.testing.FakeUpstream.Script;
import dev.gearbox.wire.openai.OpenAiFixtures;
import dev.gearbox.wire.openai.OpenAiRequests;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI protocol through the real HTTP adapter against an in-process fake upstream. */
class OpenAiAdapterTest {
    private static final String KEY = "sk-test-0123456789abcdef";

    private Vertx vertx;
    private FakeUpstream upstream;
    private HttpClient client;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        upstream = FakeUpstream.start(vertx);
        client = vertx.createHttpClient();
    }

    @AfterEach
    void stop() throws Exception {
        upstream.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(5, SECONDS);
    }

    private ProviderConfig openAiCompatible(Map<String, String> headers, Map<String, Object> options) {
        return new ProviderConfig("local", "openai", upstream.baseUrl() + "/v1", Secret.of(KEY, "env:TEST_KEY"), headers, options);
    }

    private static Deployment deployment(ProviderConfig p, String upstreamModel) {
        return new Deployment(p.name() + "/gpt-4o-mini", "gpt-4o-mini", upstreamModel, p, 1, 0, 0);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(5, SECONDS);
    }

    private static GatewayError failure(Future<?> f) {
        ExecutionException e = catchThrowableOfType(ExecutionException.class,
                () -> f.toCompletionStage().toCompletableFuture().get(5, SECONDS));
        assertThat(e).as("expected the call to fail").isNotNull();
        assertThat(e.getCause()).isInstanceOf(GatewayError.class);
        return (GatewayError) e.getCause();
    }

    private static ChatRequest hello() {
        return ChatRequest.of("gpt-4o-mini", List.of(Message.text(Role.SYSTEM, "Be brief."), Message.text(Role.USER, "Hi")))
                .withMaxTokens(50);
    }

    @Test
    void plainTextCall() throws Exception {
        upstream.enqueue(Script.json(200, OpenAiFixtures.text("responses/text.json")));
        ProviderConfig p = openAiCompatible(Map.of("OpenAI-Organization", "org-gearbox"), null);
        HttpProviderAdapter adapter = OpenAiProtocol.adapter(client, p);

        ChatResponse r = await(adapter.chat(deployment(p, "llama-3.1-8b"), hello()));

        FakeUpstream.Recorded sent = upstream.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.headers()).containsEntry("authorization", "Bearer " + KEY)
                .containsEntry("openai-organization", "org-gearbox")
                .containsEntry("content-type", "application/json")
                .doesNotContainKey("api-key");
        assertThat(sent.json().getString("model")).isEqualTo("llama-3.1-8b");
        assertThat(sent.json().getInteger("max_tokens")).isEqualTo(50);
        assertThat(sent.json().containsKey("stream")).isFalse();
        assertThat(sent.json().getJsonArray("messages").getJsonObject(1).getString("content")).isEqualTo("Hi");
        assertThat(r.firstMessage().text()).isEqualTo("Hello! How can I assist you today?");
        assertThat(r.usage()).isEqualTo(Usage.of(19, 10));
    }

    @Test
    void azureUrlAndApiKeyHeader() throws Exception {
        upstream.enqueue(Script.json(200, OpenAiFixtures.text("responses/text.json")));
        ProviderConfig p = new ProviderConfig("azure-eu", "openai", upstream.baseUrl(), Secret.of(KEY, "env:AZ"), null,
                Map.of("azure", true, "api_version", "2024-10-21"));

        await(OpenAiProtocol.adapter(client, p).chat(deployment(p, "prod-gpt4o-mini"), hello()));

        FakeUpstream.Recorded sent = upstream.last();
        assertThat(sent.path()).isEqualTo("/openai/deployments/prod-gpt4o-mini/chat/completions");
        assertThat(sent.query()).isEqualTo("api-version=2024-10-21");
        assertThat(sent.headers()).containsEntry("api-key", KEY).doesNotContainKey("authorization");
        assertThat(sent.json().getInteger("max_completion_tokens")).isEqualTo(50);
        assertThat(sent.json().containsKey("max_tokens")).isFalse();
    }

    @Test
    void toolsGoOutAndToolCallsComeBack() throws Exception {
        upstream.enqueue(Script.json(200, OpenAiFixtures.text("responses/tool_calls.json")));
        ProviderConfig p = openAiCompatible(null, null);
        ChatRequest request = OpenAiRequests.parse(OpenAiFixtures.buffer("requests/tools_round_trip.json"));

        ChatResponse r = await(OpenAiProtocol.adapter(client, p).chat(deployment(p, "gpt-4.1"), request));

        JsonNode sent = OpenAiFixtures.json(Buffer.buffer(upstream.last().body()));
        JsonNode original = OpenAiFixtures.json("requests/tools_round_trip.json");
        assertThat(sent.get("tools")).isEqualTo(original.get("tools"));
        assertThat(sent.get("tool_choice")).isEqualTo(original.get("tool_choice"));
        assertThat(sent.get("messages")).isEqualTo(original.get("messages"));
        assertThat(sent.get("parallel_tool_calls").asBoolean()).isTrue();
        assertThat(r.firstMessage().toolCalls()).extracting(ToolCall::id).containsExactly("call_abc123", "call_def456");
        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void streamingWithToolDeltas() throws Exception {
        upstream.enqueue(Script.sse(OpenAiFixtures.sseEvents("streams/tool_calls.sse")));
        ProviderConfig p = openAiCompatible(null, null);
        ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(Message.text(Role.USER, "Weather in Paris?")),
                List.of(new Tool("get_weather", null, null, null)), ToolChoice.AUTO, null, null, null, null, null, null,
                null, null, true, false, null);

        ChunkStream stream = await(OpenAiProtocol.adapter(client, p).stream(deployment(p, "gpt-4o"), request));
        Collected c = Collected.from(stream);
        c.done.get(5, SECONDS);

        assertThat(c.error).isNull();
        assertThat(upstream.last().json().getBoolean("stream")).isTrue();
        assertThat(upstream.last().json().getJsonObject("stream_options").getBoolean("include_usage")).isTrue();
        assertThat(c.chunks).containsExactly(
                new ChatChunk(0, Role.ASSISTANT, null,
                        List.of(new ToolCallDelta(0, "call_DdmO9pD3xa9XTPNJ32zg2hcA", "get_weather", "")), null, null),
                ChatChunk.tools(List.of(new ToolCallDelta(0, null, null, "{\""))),
                ChatChunk.tools(List.of(new ToolCallDelta(0, null, null, "location"))),
                ChatChunk.tools(List.of(new ToolCallDelta(0, null, null, "\":\"Paris\"}"))),
                ChatChunk.tools(List.of(new ToolCallDelta(1, "call_2", "get_time", "{\"tz\":"))),
                ChatChunk.tools(List.of(new ToolCallDelta(1, null, null, "\"CET\"}"))),
                ChatChunk.finish(FinishReason.TOOL_CALLS),
                ChatChunk.usage(new Usage(120, 31, 64, 0, 0)));
    }

    @Test
    void errorResponseIsClassifiedWithRetryAfter() {
        upstream.enqueue(Script.json(429, OpenAiFixtures.text("errors/rate_limit_exceeded.json")).withHeader("retry-after-ms", "750"));
        ProviderConfig p = openAiCompatible(null, null);

        GatewayError e = failure(OpenAiProtocol.adapter(client, p).chat(deployment(p, "gpt-4o"), hello()));

        UpstreamError u = (UpstreamError) e;
        assertThat(u.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
        assertThat(u.retryAfter()).isEqualTo(Duration.ofMillis(750));
        assertThat(u.upstreamStatus()).isEqualTo(429);
        assertThat(u.provider()).isEqualTo("local");
        assertThat(u.deployment()).isEqualTo("local/gpt-4o-mini");
        assertThat(u.getMessage()).startsWith("local: Rate limit reached");
    }

    @Test
    void rejectedKeyNeverReachesTheMessage() {
        upstream.enqueue(Script.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ".\","
                + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
        ProviderConfig p = openAiCompatible(null, null);

        GatewayError e = failure(OpenAiProtocol.adapter(client, p).stream(deployment(p, "gpt-4o"), hello()));

        assertThat(((UpstreamError) e).errorClass()).isEqualTo(ErrorClass.AUTH);
        assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("sk-");
    }

    @Test
    void echoedKeyInAnyMessageIsMasked() {
        upstream.enqueue(Script.json(400, "{\"error\":{\"message\":\"bad header " + KEY + "\",\"type\":\"invalid_request_error\"}}"));
        ProviderConfig p = openAiCompatible(null, null);

        GatewayError e = failure(OpenAiProtocol.adapter(client, p).chat(deployment(p, "gpt-4o"), hello()));

        assertThat(e.getMessage()).isEqualTo("local: bad header ****");
    }

    @Test
    void streamThatDropsBeforeDoneFails() throws Exception {
        upstream.enqueue(Script.sse(OpenAiFixtures.sseEvents("streams/text.sse")).droppingAfter(3));
        ProviderConfig p = openAiCompatible(null, null);

        ChunkStream stream = await(OpenAiProtocol.adapter(client, p).stream(deployment(p, "gpt-4o"), hello()));
        Collected c = Collected.from(stream);
        c.done.get(5, SECONDS);

        assertThat(c.ended).isFalse();
        assertThat(c.error).isInstanceOf(UpstreamError.class);
        assertThat(((UpstreamError) c.error).errorClass()).isEqualTo(ErrorClass.CONNECTION);
    }

    @Test
    void streamThatEndsCleanlyWithoutDoneStillFails() throws Exception {
        List<String> events = OpenAiFixtures.sseEvents("streams/text.sse");
        upstream.enqueue(Script.sse(events.subList(0, events.size() - 1)));
        ProviderConfig p = openAiCompatible(null, null);

        ChunkStream stream = await(OpenAiProtocol.adapter(client, p).stream(deployment(p, "gpt-4o"), hello()));
        Collected c = Collected.from(stream);
        c.done.get(5, SECONDS);

        assertThat(c.ended).isFalse();
        assertThat(c.error).isInstanceOf(UpstreamError.class);
        assertThat(c.chunks).contains(ChatChunk.text("Hello"));
        assertThat(c.chunks).noneMatch(ch -> ch.usage() != null);
    }

    @Test
    void errorObjectMidStreamFailsTheStream() throws Exception {
        upstream.enqueue(Script.sse(OpenAiFixtures.sseEvents("streams/error.sse")));
        ProviderConfig p = openAiCompatible(null, null);

        ChunkStream stream = await(OpenAiProtocol.adapter(client, p).stream(deployment(p, "gpt-4o"), hello()));
        Collected c = Collected.from(stream);
        c.done.get(5, SECONDS);

        assertThat(c.chunks).containsExactly(ChatChunk.role(Role.ASSISTANT), ChatChunk.text("Partial"));
        assertThat(c.ended).isFalse();
        assertThat(c.error.getMessage()).isEqualTo("local: The server had an error while processing your request. Sorry about that!");
    }

    @Test
    void streamingErrorStatusFailsTheFutureBeforeAnyChunk() {
        upstream.enqueue(Script.json(503, OpenAiFixtures.text("errors/overloaded.json")));
        ProviderConfig p = openAiCompatible(null, null);

        GatewayError e = failure(OpenAiProtocol.adapter(client, p).stream(deployment(p, "gpt-4o"), hello()));

        assertThat(((UpstreamError) e).errorClass()).isEqualTo(ErrorClass.OVERLOADED);
    }

    /** Collects a stream's callbacks; {@code done} completes on end or error. */
    private static final class Collected implements ChunkSink {
        final List<ChatChunk> chunks = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile boolean ended;
        volatile GatewayError error;

        static Collected from(ChunkStream stream) {
            Collected c = new Collected();
            stream.start(c);
            return c;
        }

        @Override
        public void onChunk(ChatChunk chunk) {
            chunks.add(chunk);
        }

        @Override
        public void onEnd() {
            ended = true;
            done.complete(null);
        }

        @Override
        public void onError(GatewayError e) {
            error = e;
            done.complete(null);
        }
    }
}
