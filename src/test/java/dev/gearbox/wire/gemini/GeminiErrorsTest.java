package dev.gearbox.wire.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.config.Deployment;
import dev.gearbox.config.ProviderConfig;
import dev.gearbox.config.Secret;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import io.vertx.core.MultiMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiErrorsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    private static GatewayError.UpstreamError fromHttp(int status, MultiMap headers, String body) {
        return GeminiErrors.fromHttp(GeminiFixtures.deployment(), status, headers, body, CLOCK);
    }

    @ParameterizedTest(name = "{1} {0} -> {2}")
    @CsvSource({
            "invalid-argument.json,    400, BAD_REQUEST,    INVALID_ARGUMENT",
            "failed-precondition.json, 400, BAD_REQUEST,    FAILED_PRECONDITION",
            "api-key-invalid.json,     400, AUTH,           API key not valid",
            "unauthenticated.json,     401, AUTH,           UNAUTHENTICATED",
            "permission-denied.json,   403, AUTH,           PERMISSION_DENIED",
            "not-found.json,           404, NOT_FOUND,      models/gemini-9",
            "resource-exhausted.json,  429, RATE_LIMITED,   RESOURCE_EXHAUSTED",
            "unavailable.json,         503, OVERLOADED,     UNAVAILABLE",
            "internal.json,            500, SERVER_ERROR,   INTERNAL",
            "deadline-exceeded.json,   504, TIMEOUT,        DEADLINE_EXCEEDED"})
    void classified_from_status_and_error_status(String fixture, int status, ErrorClass expected, String mentioned) {
        GatewayError.UpstreamError e = fromHttp(status, MultiMap.caseInsensitiveMultiMap(), GeminiFixtures.text("error/" + fixture));

        assertThat(e.errorClass()).isEqualTo(expected);
        assertThat(e.upstreamStatus()).isEqualTo(status);
        assertThat(e.provider()).isEqualTo("google");
        assertThat(e.deployment()).isEqualTo("google/flash");
        assertThat(e.getMessage()).startsWith("Gemini returned " + status).contains(mentioned);
    }

    @ParameterizedTest(name = "HTTP {0}, status {1} -> {2}")
    @CsvSource({
            // error.status decides even when the HTTP status disagrees...
            "500, INVALID_ARGUMENT, BAD_REQUEST",
            "400, RESOURCE_EXHAUSTED, RATE_LIMITED",
            // ...and the HTTP status decides when error.status is unknown or absent.
            "429, ABORTED, RATE_LIMITED",
            "503, , OVERLOADED",
            "502, , SERVER_ERROR",
            "401, , AUTH",
            "413, , CONTEXT_LENGTH"})
    void error_status_table(int http, String grpc, ErrorClass expected) {
        assertThat(GeminiErrors.classify(http, grpc, null)).isEqualTo(expected);
    }

    @Test
    void rate_limit_wait_comes_from_retry_info() {
        GatewayError.UpstreamError e = fromHttp(429, MultiMap.caseInsensitiveMultiMap(), GeminiFixtures.text("error/resource-exhausted.json"));

        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(39));
    }

    @Test
    void retry_after_header_wins_over_retry_info() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Retry-After", "Sun, 01 Jun 2025 12:00:07 GMT");

        GatewayError.UpstreamError e = fromHttp(429, headers, GeminiFixtures.text("error/resource-exhausted.json"));

        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void an_array_wrapped_error_is_read_with_fractional_delay() {
        GatewayError.UpstreamError e = fromHttp(429, MultiMap.caseInsensitiveMultiMap(), GeminiFixtures.text("error/array-wrapped.json"));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(1500));
    }

    /** Found by the fuzzer (ProviderMappersFuzzTestInputs/geminiAnswer/retry-delay-overflow.json): a delay past what a Duration of nanoseconds holds. */
    @Test
    void an_absurd_retry_delay_saturates_instead_of_failing_the_parse() {
        String body = GeminiFixtures.text("error/array-wrapped.json").replace("\"1.500s\"", "\"55555555555555555555555555551.500s\"");
        assertThat(body).contains("55555555555555555555555555551.500s");

        GatewayError.UpstreamError e = fromHttp(429, MultiMap.caseInsensitiveMultiMap(), body);

        assertThat(e.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
        assertThat(e.retryAfter().toMillis()).isPositive();
    }

    @Test
    void a_body_that_is_not_json_falls_back_to_the_http_status() {
        GatewayError.UpstreamError e = fromHttp(502, null, "<html><body>Bad Gateway</body></html>");

        assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
        assertThat(e.getMessage()).isEqualTo("Gemini returned 502.");
        assertThat(e.retryAfter()).isNull();
    }

    @Test
    void the_api_key_never_appears_in_the_message() {
        String key = "AIzaSECRET-key";
        ProviderConfig p = new ProviderConfig("google", "gemini", null, Secret.of(key, "env:K"), null, null);
        Deployment d = GeminiFixtures.deployment(p);
        String body = "{\"error\": {\"code\": 400, \"message\": \"Bad key " + key + " given\", \"status\": \"INVALID_ARGUMENT\"}}";

        GatewayError.UpstreamError e = GeminiErrors.fromHttp(d, 400, null, body, CLOCK);

        assertThat(e.getMessage()).doesNotContain(key).contains("Bad key **** given");
    }

    @Test
    void a_long_upstream_message_is_cut() {
        String body = "{\"error\": {\"code\": 400, \"message\": \"" + "x".repeat(2000) + "\", \"status\": \"INVALID_ARGUMENT\"}}";

        assertThat(fromHttp(400, null, body).getMessage()).hasSizeLessThan(GeminiErrors.MAX_MESSAGE_CHARS + 60);
    }
}
