package dev.gearbox.providers.replay;

import static dev.gearbox.providers.simulated.Awaits.failure;
import static dev.gearbox.providers.simulated.Awaits.result;
import static dev.gearbox.providers.simulated.Awaits.soon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.TokenCounter;
import dev.gearbox.config.ConfigException;
import dev.gearbox.config.Deployment;
import dev.gearbox.config.ProviderConfig;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import dev.gearbox.providers.simulated.RecordingSink;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayAdapterTest {
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/replay/tiny-routeset.jsonl");
    private static final String HAIKU_STRONG = "Packets drift like leaves,\nquiet paths choose the cheap road,\nanswers still arrive.";
    private static Vertx vertx;
    private static ReplayAdapter replay;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        replay = adapter(Map.of("file", FIXTURE.toString()));
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    private static ReplayAdapter adapter(Map<String, Object> options) {
        return new ReplayAdapter(vertx, provider(options));
    }

    private static ProviderConfig provider(Map<String, Object> options) {
        return new ProviderConfig("recorded", "replay", null, null, null, options);
    }

    private static Deployment deployment(String upstreamModel) {
        return new Deployment("recorded/" + upstreamModel, "catalog-name", upstreamModel, provider(Map.of()), 1, 0, 0);
    }

    private static ChatRequest ask(String... userTurns) {
        List<Message> messages = new java.util.ArrayList<>();
        messages.add(Message.text(Role.SYSTEM, "You are helpful."));
        for (String turn : userTurns) {
            messages.add(Message.text(Role.USER, turn));
            messages.add(Message.text(Role.ASSISTANT, "ok"));
        }
        return ChatRequest.of("catalog-name", messages.subList(0, messages.size() - 1));
    }

    @Test
    void aRecordedPromptIsAnsweredWithThatModelsRecordedAnswer() {
        ChatRequest request = ask("What is 17 + 25?");
        ChatResponse strong = result(replay.chat(deployment("model-strong"), request));
        ChatResponse weak = result(replay.chat(deployment("model-weak"), request));

        assertThat(strong.firstMessage().text()).isEqualTo("17 + 25 = 42.\n\n#### 42");
        assertThat(weak.firstMessage().text()).isEqualTo(" The sum is 42.");
        assertThat(strong.model()).isEqualTo("model-strong");
        assertThat(strong.id()).startsWith("replay-");
        assertThat(strong.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(strong.usage().inputTokens()).isEqualTo(TokenCounter.count(request.messages()));
        assertThat(strong.usage().outputTokens()).isEqualTo(TokenCounter.count("17 + 25 = 42.\n\n#### 42"));
    }

    @Test
    void theLookupTrimsAndNormalisesLineEndingsAndUsesTheFirstUserTurn() {
        ChatRequest request = ask("  Write a haiku about routers.\nKeep it gentle.  ", "Now make it longer.");

        ChatResponse r = result(replay.chat(deployment("model-strong"), request));

        assertThat(r.firstMessage().text()).isEqualTo(HAIKU_STRONG);
    }

    @Test
    void anUnknownPromptIsABadRequestNamingTheProviderAndFile() {
        GatewayError e = failure(replay.chat(deployment("model-strong"), ask("What is the capital of France?")));

        assertThat(e).isInstanceOf(GatewayError.UpstreamError.class);
        GatewayError.UpstreamError up = (GatewayError.UpstreamError) e;
        assertThat(up.errorClass()).isEqualTo(ErrorClass.BAD_REQUEST);
        assertThat(up.upstreamStatus()).isEqualTo(400);
        assertThat(up.status()).isEqualTo(400);
        assertThat(up.code()).isEqualTo(ReplayAdapter.NO_RECORDED_ANSWER);
        assertThat(e.getMessage()).isEqualTo("replay provider 'recorded' has no recorded answer for this prompt; file "
                + FIXTURE + " holds 3 prompts");
    }

    @Test
    void aPromptWithNoAnswerFromTheModelNamesTheModelsThatHaveOne() {
        GatewayError e = failure(replay.stream(deployment("model-weak"), ask("Name the largest planet in the solar system.")));

        assertThat(((GatewayError.UpstreamError) e).errorClass()).isEqualTo(ErrorClass.BAD_REQUEST);
        assertThat(e.getMessage()).contains("prompt tiny/3", "'model-weak'", "models with answers: model-strong");
    }

    @Test
    void lookupExposesIdTaskAndScoresForTheEvaluator() {
        RecordedPrompt p = replay.lookup("Name the largest planet in the solar system.\r\n").orElseThrow();

        assertThat(p.id()).isEqualTo("tiny/3");
        assertThat(p.task()).isEqualTo("trivia");
        assertThat(p.scores()).containsExactlyInAnyOrderEntriesOf(Map.of("model-strong", 1.0, "model-weak", 0.0));
        assertThat(replay.lookup("nope")).isEmpty();
        assertThat(replay.size()).isEqualTo(3);
    }

    @Test
    void aStreamedReplayConcatenatesToTheRecordedTextThenFinishAndUsage() {
        RecordingSink sink = new RecordingSink();
        result(replay.stream(deployment("model-strong"), ask("Write a haiku about routers.\r\nKeep it gentle.").withStream(true)))
                .start(sink);

        soon().until(sink::terminated);
        assertThat(sink.ends).hasValue(1);
        assertThat(sink.offEventLoop).isFalse();
        assertThat(sink.text()).isEqualTo(HAIKU_STRONG);
        assertThat(sink.chunks.stream().filter(c -> c.text() != null).count()).as("one chunk per word").isEqualTo(13);
        List<ChatChunk> tail = sink.chunks.subList(sink.chunks.size() - 2, sink.chunks.size());
        assertThat(tail.get(0).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(tail.get(1).usage().outputTokens()).isEqualTo(TokenCounter.count(HAIKU_STRONG));
    }

    @Test
    void aMissingFileOptionSaysWhatToSet() {
        assertThatThrownBy(() -> adapter(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("file: the replay provider needs a routeset file");
        assertThatThrownBy(() -> adapter(Map.of("file", FIXTURE.toString(), "speed", 3)))
                .hasMessageContaining("speed: unknown replay provider option")
                .hasMessageContaining("file, ttft_ms, tokens_per_second");
    }

    @Test
    void anAbsentFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("missing.jsonl");

        assertThatThrownBy(() -> adapter(Map.of("file", missing.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(missing + ": file: routeset file not found");
    }

    @Test
    void aMalformedLineIsReportedWithItsLineNumberAndDuplicatesKeepTheFirst(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, """
                {"id": "a", "prompt": "same", "scores": {"m": 1}, "responses": {"m": "first"}}

                {"id": "b", "prompt": " same ", "scores": {"m": 0}, "responses": {"m": "second"}}
                {"id": "c", "scores": {"m": 1}}
                """);
        assertThatThrownBy(() -> adapter(Map.of("file", file.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":4: prompt: missing or not a string");

        Files.writeString(file, """
                {"id": "a", "prompt": "same", "scores": {"m": 1}, "responses": {"m": "first"}}
                {"id": "b", "prompt": " same ", "scores": {"m": 0}, "responses": {"m": "second"}}
                """);
        ReplayAdapter dup = adapter(Map.of("file", file.toString(), "ttft_ms", 5, "tokens_per_second", "500"));
        assertThat(dup.size()).isEqualTo(1);
        assertThat(result(dup.chat(deployment("m"), ask("same"))).firstMessage().text()).isEqualTo("first");
    }

    @Test
    void optionsMayComeAsAMutableMapFromTheConfigLoader() {
        Map<String, Object> options = new HashMap<>();
        options.put("file", FIXTURE.toString());
        options.put("ttft_ms", 1);

        assertThat(adapter(options).size()).isEqualTo(3);
    }
}
