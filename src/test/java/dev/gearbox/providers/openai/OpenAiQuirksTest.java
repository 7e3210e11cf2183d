package dev.gearbox.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.config.ConfigException;
import dev.gearbox.config.ProviderConfig;
import dev.gearbox.config.Secret;
import dev.gearbox.providers.openai.OpenAiQuirks.AuthStyle;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OpenAiQuirksTest {

    private static ProviderConfig provider(String baseUrl, Map<String, Object> options) {
        return new ProviderConfig("p", "openai", baseUrl, Secret.of("k", "test"), null, options);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // base URL, auth, azure URL form, max tokens field, stream_options, URL for model gpt-4o
            "https://api.openai.com/v1, BEARER, false, max_completion_tokens, true, https://api.openai.com/v1/chat/completions",
            "https://api.openai.com/v1/, BEARER, false, max_completion_tokens, true, https://api.openai.com/v1/chat/completions",
            "https://myres.openai.azure.com, API_KEY, true, max_completion_tokens, true, https://myres.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21",
            "https://myres.openai.azure.com/openai/, API_KEY, true, max_completion_tokens, true, https://myres.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21",
            "https://myres.openai.azure.com/openai/v1, API_KEY, false, max_completion_tokens, true, https://myres.openai.azure.com/openai/v1/chat/completions",
            "http://localhost:8000/v1, BEARER, false, max_tokens, true, http://localhost:8000/v1/chat/completions",
            "http://localhost:11434/v1, BEARER, false, max_tokens, true, http://localhost:11434/v1/chat/completions",
            "https://api.groq.com/openai/v1, BEARER, false, max_tokens, true, https://api.groq.com/openai/v1/chat/completions",
            "https://api.together.xyz/v1, BEARER, false, max_tokens, true, https://api.together.xyz/v1/chat/completions",
            "https://api.mistral.ai/v1, BEARER, false, max_tokens, false, https://api.mistral.ai/v1/chat/completions",
            "https://api.deepseek.com/v1, BEARER, false, max_tokens, true, https://api.deepseek.com/v1/chat/completions",
            "https://openrouter.ai/api/v1, BEARER, false, max_tokens, true, https://openrouter.ai/api/v1/chat/completions"})
    void defaultsFromTheHost(String baseUrl, AuthStyle auth, boolean azure, String maxField, boolean streamOptions, String url) {
        OpenAiQuirks q = OpenAiQuirks.from(provider(baseUrl, null));

        assertThat(q.auth()).isEqualTo(auth);
        assertThat(q.azureUrl()).isEqualTo(azure);
        assertThat(q.maxTokensField()).isEqualTo(maxField);
        assertThat(q.sendStreamOptions()).isEqualTo(streamOptions);
        assertThat(q.url(baseUrl, "gpt-4o")).isEqualTo(url);
    }

    @Test
    void optionsWin() {
        OpenAiQuirks q = OpenAiQuirks.from(provider("https://gateway.corp.example/azure", Map.of(
                "azure", true, "api_version", "2025-04-01-preview", "max_tokens_field", "max_tokens",
                "stream_options", "false")));

        assertThat(q).isEqualTo(new OpenAiQuirks(AuthStyle.API_KEY, true, "2025-04-01-preview", "max_tokens", false));
        assertThat(q.url("https://gateway.corp.example/azure", "my gpt"))
                .isEqualTo("https://gateway.corp.example/azure/openai/deployments/my%20gpt/chat/completions?api-version=2025-04-01-preview");
    }

    @Test
    void bearerCanBeForcedForAzureEntraTokens() {
        assertThat(OpenAiQuirks.from(provider("https://myres.openai.azure.com", Map.of("auth", "bearer"))).auth())
                .isEqualTo(AuthStyle.BEARER);
    }

    @Test
    void missingBaseUrlMeansOpenAi() {
        OpenAiQuirks q = OpenAiQuirks.from(provider(null, null));

        assertThat(q).isEqualTo(OpenAiQuirks.OPENAI);
        assertThat(q.url(null, "gpt-4o")).isEqualTo("https://api.openai.com/v1/chat/completions");
    }

    @Test
    void badOptionValuesNameTheOptionAndTheFix() {
        assertThatThrownBy(() -> OpenAiQuirks.from(provider("http://x/v1", Map.of("max_tokens_field", "max_output_tokens"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("providers.p.options.max_tokens_field")
                .hasMessageContaining("Fix: use max_tokens or max_completion_tokens");
        assertThatThrownBy(() -> OpenAiQuirks.from(provider("http://x/v1", Map.of("azure", "maybe"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("providers.p.options.azure");
    }
}
