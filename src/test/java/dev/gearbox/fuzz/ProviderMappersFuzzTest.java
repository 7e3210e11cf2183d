package dev.gearbox.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of each provider's response mapper (a non-streamed answer body, also
 * read as an error body under each status class) and stream-chunk mapper (SSE bytes through a
 * fresh translator). The property: every input maps to a canonical answer or chunks, or to an
 * {@code UpstreamError}; any other exception is a finding (in the gateway it would turn a
 * provider's odd answer into a generic 502 instead of a classified one). Seeds and past findings
 * are in src/test/resources/dev/gearbox/fuzz/ProviderMappersFuzzTestInputs/.
 */
class ProviderMappersFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void openAiAnswer(byte[] body) {
        Protocols.answer(Protocols.OPENAI_PROTOCOL, Protocols.OPENAI, body);
    }

    @FuzzTest(maxDuration = "30s")
    void openAiStream(byte[] sse) {
        Protocols.stream(Protocols.OPENAI_PROTOCOL, Protocols.OPENAI, sse);
    }

    @FuzzTest(maxDuration = "30s")
    void anthropicAnswer(byte[] body) {
        Protocols.answer(Protocols.ANTHROPIC_PROTOCOL, Protocols.ANTHROPIC, body);
    }

    @FuzzTest(maxDuration = "30s")
    void anthropicStream(byte[] sse) {
        Protocols.stream(Protocols.ANTHROPIC_PROTOCOL, Protocols.ANTHROPIC, sse);
    }

    @FuzzTest(maxDuration = "30s")
    void geminiAnswer(byte[] body) {
        Protocols.answer(Protocols.GEMINI_PROTOCOL, Protocols.GEMINI, body);
    }

    @FuzzTest(maxDuration = "30s")
    void geminiStream(byte[] sse) {
        Protocols.stream(Protocols.GEMINI_PROTOCOL, Protocols.GEMINI, sse);
    }
}
