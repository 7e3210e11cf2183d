package dev.gearbox.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.config.ProviderConfig;
import dev.gearbox.config.Secret;
import dev.gearbox.providers.UpstreamRequest;
import dev.gearbox.wire.gemini.GeminiFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiProtocolTest {

    @ParameterizedTest(name = "{0}, {1}, stream={2}")
    @CsvSource({
            ",                         gemini-2.5-flash,      false, https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent",
            ",                         gemini-2.5-flash,      true,  https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
            "https://proxy.example//, models/gemini-2.0-flash, false, https://proxy.example/v1beta/models/gemini-2.0-flash:generateContent",
            "http://127.0.0.1:9,       tunedModels/mine-42,   true,  http://127.0.0.1:9/v1beta/tunedModels/mine-42:streamGenerateContent?alt=sse"})
    void url(String base, String model, boolean stream, String expected) {
        GeminiProtocol protocol = new GeminiProtocol(GeminiFixtures.provider(base));

        assertThat(protocol.url(model, stream)).isEqualTo(expected);
    }

    @Test
    void key_goes_in_a_header_never_in_the_url() {
        GeminiProtocol protocol = new GeminiProtocol(GeminiFixtures.provider(null));
        ChatRequest r = ChatRequest.of("gemini-flash", List.of(Message.text(Role.USER, "hi"))).withStream(true);

        UpstreamRequest call = protocol.toWire(GeminiFixtures.deployment(), r);

        assertThat(call.url()).doesNotContain(GeminiFixtures.KEY).doesNotContain("key=");
        assertThat(call.headers()).containsEntry("x-goog-api-key", GeminiFixtures.KEY).containsEntry("x-team", "search");
        assertThat(call.body().toString()).doesNotContain(GeminiFixtures.KEY);
    }

    @Test
    void no_key_header_without_a_key() {
        ProviderConfig keyless = new ProviderConfig("google", "gemini", null, Secret.NONE, null, null);

        UpstreamRequest call = new GeminiProtocol(keyless).toWire(GeminiFixtures.deployment(keyless),
                ChatRequest.of("gemini-flash", List.of(Message.text(Role.USER, "hi"))));

        assertThat(call.headers()).doesNotContainKey("x-goog-api-key");
    }
}
