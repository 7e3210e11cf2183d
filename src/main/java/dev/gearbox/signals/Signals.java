package dev.gearbox.signals;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.TokenCounter;
import dev.gearbox.pipeline.Caller;
import java.util.Set;

/**
 * What Gearbox knows about a request before choosing a model, computed once in the signals stage.
 * Policies read these instead of re-inspecting the request. The content signals are computed
 * eagerly in one pass (microseconds); the exact token count (jtokkit, o200k) only on first use,
 * since most decisions never need it: {@link #contextBytes()} bounds it from above for free.
 */
public final class Signals {
    private final ChatRequest request;
    private volatile int inputTokens = -1;
    private final int contextBytes;
    private final int turns;
    private final int messages;
    private final boolean code;
    private final boolean fencedCode;
    private final String codeLanguage;
    private final boolean math;
    private final Set<StructuredData> structured;
    private final int instructions;
    private final TaskType taskType;
    private final int complexityMarkers;
    private final int simplicityMarkers;
    private final Set<Domain> domains;
    private final OutputSize outputSize;
    private final Caller caller;

    Signals(ChatRequest request, int contextBytes, int turns, int messages, boolean code, boolean fencedCode,
            String codeLanguage, boolean math, Set<StructuredData> structured, int instructions, TaskType taskType,
            int complexityMarkers, int simplicityMarkers, Set<Domain> domains, OutputSize outputSize, Caller caller) {
        this.request = request;
        this.contextBytes = contextBytes;
        this.turns = turns;
        this.messages = messages;
        this.code = code;
        this.fencedCode = fencedCode;
        this.codeLanguage = codeLanguage;
        this.math = math;
        this.structured = Set.copyOf(structured);
        this.instructions = instructions;
        this.taskType = taskType;
        this.complexityMarkers = complexityMarkers;
        this.simplicityMarkers = simplicityMarkers;
        this.domains = Set.copyOf(domains);
        this.outputSize = outputSize;
        this.caller = caller;
    }

    /** Prompt tokens (jtokkit o200k with chat framing), counted on first call and kept. */
    public int inputTokens() {
        int n = inputTokens;
        if (n < 0) inputTokens = n = TokenCounter.count(request.messages());
        return n;
    }

    /** UTF-8 bytes of the prompt's text: an upper bound on its tokens that costs nothing. */
    public int contextBytes() {
        return contextBytes;
    }

    /** User and assistant turns (conversation depth). */
    public int turns() {
        return turns;
    }

    /** All messages, system and tool ones included. */
    public int messages() {
        return messages;
    }

    public boolean hasCode() {
        return code;
    }

    public boolean fencedCode() {
        return fencedCode;
    }

    /** The code's language (python, java, sql, ...) or null when there is no code or no telling. */
    public String codeLanguage() {
        return codeLanguage;
    }

    public boolean math() {
        return math;
    }

    public Set<StructuredData> structured() {
        return structured;
    }

    /** Instructions or steps asked for (at least 1 for a non-empty prompt). */
    public int instructions() {
        return instructions;
    }

    public TaskType taskType() {
        return taskType;
    }

    /** Words that ask for depth: "step by step", "prove", "in detail", "edge cases", ... */
    public int complexityMarkers() {
        return complexityMarkers;
    }

    /** Words that ask for little: "briefly", "one word", "yes or no", ... */
    public int simplicityMarkers() {
        return simplicityMarkers;
    }

    public Set<Domain> domains() {
        return domains;
    }

    public boolean highStakes() {
        return !domains.isEmpty();
    }

    public OutputSize outputSize() {
        return outputSize;
    }

    public boolean toolsRequested() {
        return !request.tools().isEmpty();
    }

    public boolean hasImages() {
        return request.hasImages();
    }

    public boolean wantsJson() {
        return request.wantsJson();
    }

    /** A JSON schema was given (structured outputs), not just JSON mode. */
    public boolean jsonSchema() {
        return request.responseFormat() != null && request.responseFormat().schema() != null;
    }

    /** The requested output cap, or 0 when none. */
    public int maxOutputTokens() {
        return request.maxTokens() == null ? 0 : request.maxTokens();
    }

    public Caller caller() {
        return caller;
    }
}
