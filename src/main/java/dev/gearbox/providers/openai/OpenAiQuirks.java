package dev.gearbox.providers.openai;

import dev.gearbox.config.ConfigException;
import dev.gearbox.config.ProviderConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How one OpenAI-compatible server differs from api.openai.com: where the key goes, how the URL is
 * formed, what the output cap is called, and whether it accepts {@code stream_options}. One adapter
 * plus this record serves OpenAI, Azure, vLLM, Ollama, Together, Groq, Mistral, DeepSeek, OpenRouter.
 *
 * @param auth             which header carries the key
 * @param azureUrl         {@code {base}/openai/deployments/{upstreamModel}/chat/completions?api-version=V}
 *                         instead of {@code {base}/chat/completions}
 * @param apiVersion       Azure's {@code api-version} query value (unused for the plain form)
 * @param maxTokensField   {@code max_completion_tokens} (OpenAI, Azure) or {@code max_tokens} (everyone else)
 * @param sendStreamOptions whether to send {@code stream_options: {include_usage: true}} on streamed calls
 */
public record OpenAiQuirks(AuthStyle auth, boolean azureUrl, String apiVersion, String maxTokensField,
                           boolean sendStreamOptions) {

    /** Where the API key is sent. */
    public enum AuthStyle {
        /** {@code Authorization: Bearer <key>} (OpenAI and nearly every compatible server). */
        BEARER,
        /** {@code api-key: <key>} (Azure OpenAI key authentication). */
        API_KEY
    }

    /** Azure's current GA data-plane version; override with the {@code api_version} option. */
    public static final String DEFAULT_AZURE_API_VERSION = "2024-10-21";
    public static final String MAX_TOKENS = "max_tokens";
    public static final String MAX_COMPLETION_TOKENS = "max_completion_tokens";
    /** Used when a provider of kind openai has no base URL. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    /** OpenAI's own API, as a starting point for tests and defaults. */
    public static final OpenAiQuirks OPENAI = new OpenAiQuirks(AuthStyle.BEARER, false, null, MAX_COMPLETION_TOKENS, true);

    /**
     * Reads the quirks of a configured provider: options {@code azure} (bool), {@code api_version},
     * {@code max_tokens_field}, {@code stream_options} (bool) and {@code auth} ({@code bearer} or
     * {@code api-key}) win; otherwise the base URL's host decides (Azure hosts use the deployments URL
     * and api-key header, api.openai.com and Azure use max_completion_tokens, api.mistral.ai rejects
     * stream_options, everything else takes the plain form, a bearer token and max_tokens).
     */
    public static OpenAiQuirks from(ProviderConfig p) {
        String host = host(baseUrl(p));
        boolean azureHost = host.endsWith(".openai.azure.com") || host.endsWith(".cognitiveservices.azure.com");
        String path = path(baseUrl(p));
        // Azure's newer v1 surface (/openai/v1) takes the plain URL form, still with the api-key header.
        boolean azureUrl = bool(p, "azure", azureHost && !path.contains("/v1"));
        AuthStyle auth = switch (p.option("auth", azureHost || azureUrl ? "api-key" : "bearer").toLowerCase(Locale.ROOT)) {
            case "bearer" -> AuthStyle.BEARER;
            case "api-key", "api_key" -> AuthStyle.API_KEY;
            default -> throw bad(p, "auth", "unknown value '" + p.option("auth", "") + "'", "use bearer or api-key");
        };
        String maxField = p.option("max_tokens_field",
                host.equals("api.openai.com") || azureHost || azureUrl ? MAX_COMPLETION_TOKENS : MAX_TOKENS);
        if (!maxField.equals(MAX_TOKENS) && !maxField.equals(MAX_COMPLETION_TOKENS)) {
            throw bad(p, "max_tokens_field", "unknown value '" + maxField + "'", "use max_tokens or max_completion_tokens");
        }
        boolean streamOptions = bool(p, "stream_options", !host.equals("api.mistral.ai"));
        String apiVersion = azureUrl ? p.option("api_version", DEFAULT_AZURE_API_VERSION) : null;
        return new OpenAiQuirks(auth, azureUrl, apiVersion, maxField, streamOptions);
    }

    /** The chat/completions URL for one upstream model (the Azure deployment name, in Azure form). */
    public String url(String baseUrl, String upstreamModel) {
        String base = trimSlash(baseUrl == null ? DEFAULT_BASE_URL : baseUrl);
        if (!azureUrl) return base + "/chat/completions";
        if (!base.endsWith("/openai")) base = base + "/openai";
        String deployment = URLEncoder.encode(upstreamModel, StandardCharsets.UTF_8).replace("+", "%20");
        return base + "/deployments/" + deployment + "/chat/completions?api-version="
                + URLEncoder.encode(apiVersion == null ? DEFAULT_AZURE_API_VERSION : apiVersion, StandardCharsets.UTF_8);
    }

    private static String baseUrl(ProviderConfig p) {
        return p.baseUrl() == null || p.baseUrl().isBlank() ? DEFAULT_BASE_URL : p.baseUrl();
    }

    private static String trimSlash(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') end--;
        return s.substring(0, end);
    }

    private static String host(String url) {
        try {
            String h = URI.create(url).getHost();
            return h == null ? "" : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String path(String url) {
        try {
            String path = URI.create(url).getPath();
            return path == null ? "" : path;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static boolean bool(ProviderConfig p, String key, boolean dflt) {
        Object v = p.options().get(key);
        if (v == null) return dflt;
        if (v instanceof Boolean b) return b;
        return switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw bad(p, key, "expected true or false, got '" + v + "'", "write " + key + ": true or " + key + ": false");
        };
    }

    private static ConfigException bad(ProviderConfig p, String key, String message, String fix) {
        return new ConfigException(null, 0, "providers." + p.name() + ".options." + key, message, fix);
    }
}
