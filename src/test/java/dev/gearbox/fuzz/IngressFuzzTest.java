package dev.gearbox.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.error.GatewayError;
import dev.gearbox.wire.anthropic.AnthropicIngress;
import dev.gearbox.wire.openai.OpenAiRequests;
import dev.gearbox.wire.responses.ResponsesIngress;
import io.vertx.core.buffer.Buffer;
import java.util.function.Function;

/**
 * Coverage-guided fuzzing of the three chat ingress parsers with arbitrary bytes. The property:
 * a body is either a canonical request that every provider protocol can turn into its own wire
 * request, or a {@link GatewayError.BadRequest} (a 400); any other exception, a hang or a stack
 * overflow is a finding. Seeds and past findings are in
 * src/test/resources/dev/gearbox/fuzz/IngressFuzzTestInputs/; a normal build runs them as
 * regression tests, {@code JAZZER_FUZZ=1} fuzzes (see docs/security.md).
 */
class IngressFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void openAiChat(byte[] body) {
        check(body, OpenAiRequests::parse);
    }

    @FuzzTest(maxDuration = "30s")
    void anthropicMessages(byte[] body) {
        check(body, AnthropicIngress::parse);
    }

    @FuzzTest(maxDuration = "30s")
    void openAiResponses(byte[] body) {
        check(body, ResponsesIngress::parse);
    }

    private static void check(byte[] body, Function<Buffer, ChatRequest> parser) {
        ChatRequest request;
        try {
            request = parser.apply(Buffer.buffer(body));
        } catch (GatewayError.BadRequest expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) throw new AssertionError("a 400 without a message");
            return;
        }
        Protocols.writeForEveryProvider(request);
    }
}
