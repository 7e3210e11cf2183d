package dev.gearbox.wire.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicErrorsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "400, invalid_request_error, BAD_REQUEST",
            "401, authentication_error, AUTH",
            "402, billing_error, AUTH",
            "403, permission_error, AUTH",
            "404, not_found_error, NOT_FOUND",
            "413, request_too_large, BAD_REQUEST",
            "429, rate_limit_error, RATE_LIMITED",
            "500, api_error, SERVER_ERROR",
            "504, timeout_error, TIMEOUT",
            "529, overloaded_error, OVERLOADED",
            // the type decides over the status
            "500, overloaded_error, OVERLOADED",
            // no or unknown type: by status, except 413 (a body too large in bytes, not a context overflow)
            "413, , BAD_REQUEST",
            "529, , OVERLOADED",
            "503, , OVERLOADED",
            "502, , SERVER_ERROR",
            "409, conflict_error, BAD_REQUEST",
            "429, , RATE_LIMITED",
    })
    void classifiesByTypeThenStatus(int status, String type, ErrorClass expected) {
        assertThat(AnthropicErrors.classify(status, type)).isEqualTo(expected);
    }

    @Test
    void decodesARateLimitWithItsRetryAfter() {
        GatewayError.UpstreamError e = AnthropicErrors.decode("anthropic-main", "anthropic-main/claude", 429,
                MultiMap.caseInsensitiveMultiMap().add("retry-after", "7"),
                Buffer.buffer("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                        + "\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"},"
                        + "\"request_id\":\"req_011\"}"), CLOCK);

        assertThat(e.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(e.upstreamStatus()).isEqualTo(429);
        assertThat(e.provider()).isEqualTo("anthropic-main");
        assertThat(e.deployment()).isEqualTo("anthropic-main/claude");
        assertThat(e.getMessage()).isEqualTo("Upstream anthropic-main answered 429 (rate_limit_error):"
                + " Number of request tokens has exceeded your per-minute rate limit");
    }

    @Test
    void readsARetryAfterDateAgainstTheClock() {
        GatewayError.UpstreamError e = AnthropicErrors.decode("p", "d", 529,
                MultiMap.caseInsensitiveMultiMap().add("retry-after", "Sun, 01 Jun 2025 12:00:30 GMT"),
                Buffer.buffer("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"),
                CLOCK);

        assertThat(e.errorClass()).isEqualTo(ErrorClass.OVERLOADED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void classifiesABodyThatIsNotJsonByStatusAlone() {
        GatewayError.UpstreamError e = AnthropicErrors.decode("p", "d", 502, MultiMap.caseInsensitiveMultiMap(),
                Buffer.buffer("<html><body>Bad gateway</body></html>"), CLOCK);

        assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
        assertThat(e.retryAfter()).isNull();
        assertThat(e.getMessage()).isEqualTo("Upstream p answered 502.").doesNotContain("html");
    }

    @Test
    void classifiesAContextOverflowAsABadRequestNotFromItsText() {
        GatewayError.UpstreamError e = AnthropicErrors.decode("p", "d", 400, MultiMap.caseInsensitiveMultiMap(),
                Buffer.buffer("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                        + "\"message\":\"prompt is too long: 210000 tokens > 200000 maximum\"}}"), CLOCK);

        assertThat(e.errorClass()).isEqualTo(ErrorClass.BAD_REQUEST);
    }

    @Test
    void truncatesALongUpstreamMessage() {
        String longMessage = "x".repeat(5000);
        GatewayError.UpstreamError e = AnthropicErrors.decode("p", "d", 500, MultiMap.caseInsensitiveMultiMap(),
                Buffer.buffer("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"" + longMessage + "\"}}"),
                CLOCK);

        assertThat(e.getMessage()).hasSizeLessThan(AnthropicErrors.MAX_MESSAGE_CHARS + 60);
    }
}
