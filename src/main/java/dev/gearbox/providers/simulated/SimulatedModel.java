package dev.gearbox.providers.simulated;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Json;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.ResponseFormat;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.TokenCounter;
import dev.gearbox.chat.Tool;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.chat.ToolChoice;
import dev.gearbox.chat.Usage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * A deterministic fake model: the answer is a pure function of (upstream model, conversation,
 * tools, response format, max tokens), so tests and demos see the same answer for the same prompt
 * while different prompts and models give different ones.
 */
final class SimulatedModel {
    /** Answer lengths vary this far either side of the configured mean. */
    static final double LENGTH_SPREAD = 0.25;

    private SimulatedModel() {}

    static SimulatedAnswer answer(String upstreamModel, ChatRequest request, int outputTokens) {
        SplittableRandom rng = new SplittableRandom(seedOf(upstreamModel, request));
        int target = (int) Math.max(1, Math.round(outputTokens * (1 - LENGTH_SPREAD + 2 * LENGTH_SPREAD * rng.nextDouble())));
        int input = TokenCounter.count(request.messages());
        Integer cap = request.maxTokens() != null && request.maxTokens() > 0 ? request.maxTokens() : null;

        Optional<Tool> tool = toolToCall(request);
        if (tool.isPresent()) {
            String id = String.format("call_%016x", rng.nextLong());
            String name = tool.get().name();
            String args = write(SchemaExample.of(tool.get().parameters(), rng));
            FinishReason finish = FinishReason.TOOL_CALLS;
            int nameTokens = TokenCounter.count(name);
            if (cap != null && nameTokens + TokenCounter.count(args) > cap) {
                args = fit(args, Math.max(0, cap - nameTokens));
                finish = FinishReason.LENGTH;
            }
            return new SimulatedAnswer(null, new ToolCall(id, name, args), finish,
                    Usage.of(input, nameTokens + TokenCounter.count(args)));
        }

        String text = request.wantsJson() ? json(request.responseFormat(), target, rng) : Prose.of(target, rng);
        FinishReason finish = FinishReason.STOP;
        if (cap != null && TokenCounter.count(text) > cap) {
            text = fit(text, cap);
            finish = FinishReason.LENGTH;
        }
        return new SimulatedAnswer(text, null, finish, Usage.of(input, TokenCounter.count(text)));
    }

    /**
     * The tool the model calls, if any: a named choice, the mentioned (else first) tool when a call
     * is required, and under auto only a tool the last user message names.
     */
    static Optional<Tool> toolToCall(ChatRequest request) {
        if (request.tools().isEmpty()) return Optional.empty();
        ToolChoice choice = request.toolChoice() == null ? ToolChoice.AUTO : request.toolChoice();
        return switch (choice.mode()) {
            case NONE -> Optional.empty();
            case NAMED -> request.tools().stream().filter(t -> t.name().equals(choice.name())).findFirst();
            case REQUIRED -> mentionedTool(request).or(() -> Optional.of(request.tools().get(0)));
            case AUTO -> mentionedTool(request);
        };
    }

    /** The name of a tool_choice function that is not among the request's tools, or null. */
    static String missingNamedTool(ChatRequest request) {
        ToolChoice choice = request.toolChoice();
        if (choice == null || choice.mode() != ToolChoice.Mode.NAMED) return null;
        return request.tools().stream().anyMatch(t -> t.name().equals(choice.name())) ? null : choice.name();
    }

    private static Optional<Tool> mentionedTool(ChatRequest request) {
        String said = null;
        for (Message m : request.messages()) if (m.role() == Role.USER) said = m.text();
        if (said == null) return Optional.empty();
        for (Tool t : request.tools()) {
            if (mentions(said, t.name()) || mentions(said, t.name().replace('_', ' '))) return Optional.of(t);
        }
        return Optional.empty();
    }

    private static boolean mentions(String text, String name) {
        if (name == null || name.isBlank()) return false;
        return Pattern.compile("(?<![\\p{Alnum}_])" + Pattern.quote(name) + "(?![\\p{Alnum}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text).find();
    }

    private static String json(ResponseFormat format, int target, SplittableRandom rng) {
        if (format.type() == ResponseFormat.Type.JSON_SCHEMA && format.schema() != null && !format.schema().isEmpty()) {
            return write(SchemaExample.of(format.schema(), rng));
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("answer", Prose.of(Math.max(1, target - 12), rng));
        out.put("confidence", Math.round(rng.nextDouble() * 100) / 100.0);
        return write(out);
    }

    /** The longest prefix of {@code text} that is at most {@code tokens} tokens long. */
    static String fit(String text, int tokens) {
        int lo = 0;
        int hi = text.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (TokenCounter.count(text.substring(0, mid)) <= tokens) lo = mid;
            else hi = mid - 1;
        }
        if (lo > 0 && Character.isHighSurrogate(text.charAt(lo - 1))) lo--;
        return text.substring(0, lo);
    }

    private static long seedOf(String upstreamModel, ChatRequest request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(String.valueOf(upstreamModel).getBytes(StandardCharsets.UTF_8));
            for (Message m : request.messages()) {
                sha.update((byte) 0);
                sha.update(m.role().wire().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 1);
                sha.update(m.text().getBytes(StandardCharsets.UTF_8));
                for (ToolCall c : m.toolCalls()) {
                    sha.update((byte) 2);
                    sha.update((c.name() + "\u0000" + c.arguments()).getBytes(StandardCharsets.UTF_8));
                }
            }
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a generated JSON tree always serialises", e);
        }
    }
}
