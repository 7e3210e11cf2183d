package dev.gearbox.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError.UpstreamError;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class OpenAiErrorsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    static Stream<Arguments> table() {
        return Stream.of(
                // status, header name, header value, fixture, class, code, retry-after, message
                Arguments.of(400, null, null, "invalid_request.json", ErrorClass.BAD_REQUEST, "invalid_value", null,
                        "openai: Invalid value for 'temperature': expected a number between 0 and 2."),
                Arguments.of(400, null, null, "context_length_exceeded.json", ErrorClass.CONTEXT_LENGTH, "context_length_exceeded", null,
                        "openai: This model's maximum context length is 128000 tokens. However, your messages resulted in 411525 tokens. Please reduce the length of the messages."),
                Arguments.of(400, null, null, "content_filter.json", ErrorClass.CONTENT_POLICY, "content_filter", null,
                        "openai: The response was filtered due to the prompt triggering Azure OpenAI's content management policy."),
                Arguments.of(401, null, null, "invalid_api_key.json", ErrorClass.AUTH, "invalid_api_key", null,
                        "openai: the upstream rejected the configured API key (HTTP 401)."),
                Arguments.of(403, null, null, "unsupported_region.json", ErrorClass.AUTH, "unsupported_country_region_territory", null,
                        "openai: Country, region, or territory not supported"),
                Arguments.of(404, null, null, "model_not_found.json", ErrorClass.NOT_FOUND, "model_not_found", null,
                        "openai: The model `gpt-5-turbo-ultra` does not exist or you do not have access to it."),
                Arguments.of(429, "retry-after", "20", "rate_limit_exceeded.json", ErrorClass.RATE_LIMITED, "rate_limit_exceeded",
                        Duration.ofSeconds(20), null),
                Arguments.of(429, "retry-after-ms", "1500", "rate_limit_exceeded.json", ErrorClass.RATE_LIMITED, "rate_limit_exceeded",
                        Duration.ofMillis(1500), null),
                Arguments.of(429, "retry-after", "Wed, 01 Jan 2025 00:00:30 GMT", "rate_limit_exceeded.json", ErrorClass.RATE_LIMITED,
                        "rate_limit_exceeded", Duration.ofSeconds(30), null),
                Arguments.of(429, null, null, "insufficient_quota.json", ErrorClass.AUTH, "insufficient_quota", null,
                        "openai: You exceeded your current quota, please check your plan and billing details."),
                Arguments.of(429, null, null, "insufficient_quota_legacy.json", ErrorClass.AUTH, "insufficient_quota", null, null),
                Arguments.of(500, null, null, "server_error.json", ErrorClass.SERVER_ERROR, "server_error", null,
                        "openai: The server had an error while processing your request. Sorry about that!"),
                Arguments.of(502, null, null, "bad_gateway.html", ErrorClass.SERVER_ERROR, "server_error", null,
                        "openai: HTTP 502 with a body that is not JSON."),
                Arguments.of(503, "retry-after", "5", "overloaded.json", ErrorClass.OVERLOADED, "overloaded", Duration.ofSeconds(5),
                        "openai: The engine is currently overloaded, please try again later."),
                Arguments.of(504, null, null, "bad_gateway.html", ErrorClass.TIMEOUT, "timeout", null, null),
                // vLLM reports context overflow with no structured code: by the rules it stays a bad request.
                Arguments.of(400, null, null, "vllm_bad_request.json", ErrorClass.BAD_REQUEST, "bad_request", null,
                        "openai: This model's maximum context length is 8192 tokens. However, you requested 9000 tokens."),
                Arguments.of(404, null, null, "ollama_not_found.json", ErrorClass.NOT_FOUND, "not_found", null,
                        "openai: model \"llama9\" not found, try pulling it first"));
    }

    @ParameterizedTest(name = "{0} {3} -> {4}")
    @MethodSource("table")
    void classification(int status, String header, String headerValue, String fixture, ErrorClass cls, String code,
                        Duration retryAfter, String message) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (header != null) headers.add(header, headerValue);

        UpstreamError e = OpenAiErrors.classify("openai", "openai/gpt-4o", status, headers,
                OpenAiFixtures.buffer("errors/" + fixture), CLOCK);

        assertThat(e.errorClass()).isEqualTo(cls);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.retryAfter()).isEqualTo(retryAfter);
        assertThat(e.upstreamStatus()).isEqualTo(status);
        assertThat(e.provider()).isEqualTo("openai");
        assertThat(e.deployment()).isEqualTo("openai/gpt-4o");
        if (message != null) assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.getMessage()).startsWith("openai: ").doesNotContain("sk-");
    }

    @Test
    void insufficientQuotaIsNotWaitedOn() {
        UpstreamError e = OpenAiErrors.classify("openai", "d", 429, MultiMap.caseInsensitiveMultiMap(),
                OpenAiFixtures.buffer("errors/insufficient_quota.json"));

        assertThat(e.errorClass().action()).isEqualTo(ErrorClass.Action.NEXT_CANDIDATE);
    }

    @Test
    void emptyBodyAndNullHeadersKeepTheStatusClass() {
        UpstreamError e = OpenAiErrors.classify("groq", "groq/llama", 500, null, Buffer.buffer());

        assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
        assertThat(e.getMessage()).isEqualTo("groq: HTTP 500 with a body that is not JSON.");
        assertThat(e.retryAfter()).isNull();
    }

    @Test
    void longMessagesAreCut() {
        String body = "{\"error\":{\"message\":\"" + "x".repeat(5000) + "\",\"type\":\"server_error\"}}";

        UpstreamError e = OpenAiErrors.classify("p", "d", 500, null, Buffer.buffer(body));

        assertThat(e.getMessage()).hasSize("p: ".length() + OpenAiErrors.MAX_MESSAGE_CHARS + 3);
    }
}
