package dev.gearbox.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UpstreamUrlTest {
    @Test
    void takesAnUpstreamUrlApart() {
        assertThat(UpstreamUrl.parse("http://127.0.0.1:18100/v1/chat/completions"))
                .isEqualTo(new UpstreamUrl(false, "127.0.0.1", 18100, "/v1/chat/completions"));
        assertThat(UpstreamUrl.parse("https://api.example.com/v1beta/models/gemini-2.0-flash:generateContent?alt=sse"))
                .isEqualTo(new UpstreamUrl(true, "api.example.com", 443, "/v1beta/models/gemini-2.0-flash:generateContent?alt=sse"));
        assertThat(UpstreamUrl.parse("http://[::1]:9000")).isEqualTo(new UpstreamUrl(false, "::1", 9000, "/"));
        assertThat(UpstreamUrl.parse("HTTP://host/a%20b")).isEqualTo(new UpstreamUrl(false, "host", 80, "/a%20b"));
    }

    @Test
    void refusesWhatIsNotAnHttpUrl() {
        assertThatThrownBy(() -> UpstreamUrl.parse("ftp://host/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UpstreamUrl.parse("http:///nohost")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSameUrlIsParsedOnce() {
        String url = "http://127.0.0.1:1/v1/chat/completions";
        assertThat(UpstreamUrl.of(url)).isSameAs(UpstreamUrl.of(url));
    }
}
