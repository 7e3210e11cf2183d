package dev.gearbox.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.config.ConfigException;
import dev.gearbox.config.Deployment;
import dev.gearbox.config.ProviderConfig;
import dev.gearbox.config.Secret;
import dev.gearbox.providers.UpstreamRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicProtocolTest {
    private static final String KEY = "sk-ant-secret-value";

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", value = {
            "null, https://api.anthropic.com/v1/messages",
            "https://api.anthropic.com, https://api.anthropic.com/v1/messages",
            "https://api.anthropic.com/, https://api.anthropic.com/v1/messages",
            "https://api.anthropic.com/v1, https://api.anthropic.com/v1/messages",
            "http://127.0.0.1:8080/anthropic, http://127.0.0.1:8080/anthropic/v1/messages",
    })
    void addressesTheMessagesEndpoint(String base, String expected) {
        assertThat(AnthropicProtocol.messagesUrl(base)).isEqualTo(expected);
    }

    @Test
    void sendsTheKeyButNeverShowsItInTheRequestsToString() {
        UpstreamRequest call = protocol(Map.of(), Map.of()).toWire(deployment(), request());

        assertThat(call.headers()).containsEntry("x-api-key", KEY).containsEntry("anthropic-version", "2023-06-01");
        assertThat(call.toString()).doesNotContain(KEY).contains("x-api-key=****");
    }

    @Test
    void letsConfiguredHeadersOverrideTheVersionWhateverTheirCase() {
        UpstreamRequest call = protocol(Map.of("Anthropic-Version", "2099-01-01"), Map.of()).toWire(deployment(), request());

        assertThat(call.headers().keySet().stream().filter(k -> k.equalsIgnoreCase("anthropic-version"))).hasSize(1);
        assertThat(call.headers().get("anthropic-version")).isEqualTo("2099-01-01");
    }

    @Test
    void sendsNoKeyHeaderWhenNoKeyIsConfigured() {
        ProviderConfig p = new ProviderConfig("a", "anthropic", null, Secret.NONE, null, null);

        assertThat(new AnthropicProtocol(p).toWire(deployment(), request()).headers()).doesNotContainKey("x-api-key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "12.5", "lots"})
    void refusesAnUnusableDefaultMaxTokensAtConstruction(String value) {
        assertThatThrownBy(() -> protocol(Map.of(), Map.of(AnthropicProtocol.OPTION_DEFAULT_MAX_TOKENS, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("providers.anthropic-main.options.default_max_tokens")
                .hasMessageContaining(value);
    }

    private static AnthropicProtocol protocol(Map<String, String> headers, Map<String, Object> options) {
        return new AnthropicProtocol(new ProviderConfig("anthropic-main", "anthropic", null,
                Secret.of(KEY, "env:ANTHROPIC_API_KEY"), headers, options));
    }

    private static Deployment deployment() {
        return new Deployment("anthropic-main/claude", "claude", "claude-sonnet-4-5", new ProviderConfig("anthropic-main",
                "anthropic", null, Secret.NONE, null, null), 1, 0, 0);
    }

    private static ChatRequest request() {
        return ChatRequest.of("claude", List.of(Message.text(Role.USER, "hi")));
    }
}
