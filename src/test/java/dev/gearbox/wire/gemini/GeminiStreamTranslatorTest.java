package dev.gearbox.wire.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.ToolCallDelta;
import dev.gearbox.chat.Usage;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import dev.gearbox.providers.SseEvent;
import dev.gearbox.providers.SseParser;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiStreamTranslatorTest {

    /** What a translator made of one SSE fixture: its chunks and whether it saw the terminal event. */
    private record Run(List<ChatChunk> chunks, List<Boolean> terminalFlags) {
        boolean terminal() {
            return !terminalFlags.isEmpty() && terminalFlags.get(terminalFlags.size() - 1);
        }
    }

    private static Run run(String fixture) {
        GeminiStreamTranslator translator = new GeminiStreamTranslator(GeminiFixtures.deployment());
        List<ChatChunk> chunks = new ArrayList<>();
        List<Boolean> flags = new ArrayList<>();
        SseParser parser = new SseParser(e -> flags.add(translator.onEvent(e, chunks)));
        // Windows line ends, as Google's servers send them.
        parser.feed(Buffer.buffer(GeminiFixtures.text("stream/" + fixture).replace("\n", "\r\n")));
        parser.finish();
        return new Run(chunks, flags);
    }

    @Test
    void text_over_several_chunks_then_finish_and_usage() {
        Run run = run("text.sse");

        assertThat(run.chunks()).containsExactly(
                ChatChunk.role(Role.ASSISTANT),
                ChatChunk.text("The sky"),
                ChatChunk.text(" is blue"),
                ChatChunk.text("."),
                ChatChunk.finish(FinishReason.STOP),
                ChatChunk.usage(new Usage(8, 16, 4, 0, 11)));
        assertThat(run.terminalFlags()).containsExactly(false, false, false, true);
    }

    @Test
    void function_calls_arrive_whole_with_increasing_indexes() {
        Run run = run("function-call.sse");

        assertThat(run.chunks()).containsExactly(
                ChatChunk.role(Role.ASSISTANT),
                ChatChunk.text("Checking both."),
                ChatChunk.tools(List.of(new ToolCallDelta(0, "call_s2_0", "get_weather", "{\"city\":\"Paris\"}"))),
                ChatChunk.tools(List.of(new ToolCallDelta(1, "call_s2_1", "get_time", "{\"city\":\"Oslo\"}"))),
                ChatChunk.finish(FinishReason.TOOL_CALLS),
                ChatChunk.usage(new Usage(40, 20, 0, 0, 0)));
        assertThat(run.terminal()).isTrue();
    }

    @Test
    void an_error_object_in_the_stream_is_an_upstream_error() {
        assertThatThrownBy(() -> run("error.sse"))
                .isInstanceOfSatisfying(GatewayError.UpstreamError.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.OVERLOADED);
                    assertThat(e.upstreamStatus()).isEqualTo(503);
                    assertThat(e.getMessage()).contains("UNAVAILABLE").contains("overloaded");
                });
    }

    @Test
    void a_blocked_prompt_in_the_stream_is_a_content_policy_error() {
        assertThatThrownBy(() -> run("blocked.sse"))
                .isInstanceOfSatisfying(GatewayError.UpstreamError.class,
                        e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.CONTENT_POLICY));
    }

    @Test
    void an_unreadable_event_is_a_server_error() {
        GeminiStreamTranslator translator = new GeminiStreamTranslator(GeminiFixtures.deployment());

        assertThatThrownBy(() -> translator.onEvent(new SseEvent(null, "{not json"), new ArrayList<>()))
                .isInstanceOfSatisfying(GatewayError.UpstreamError.class,
                        e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR));
    }

    @Test
    void a_chunk_without_candidates_emits_nothing_and_is_not_terminal() {
        GeminiStreamTranslator translator = new GeminiStreamTranslator(GeminiFixtures.deployment());
        List<ChatChunk> out = new ArrayList<>();

        boolean terminal = translator.onEvent(new SseEvent(null, "{\"usageMetadata\": {\"promptTokenCount\": 3}}"), out);

        assertThat(terminal).isFalse();
        assertThat(out).isEmpty();
    }
}
