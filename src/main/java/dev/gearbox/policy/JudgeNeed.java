package dev.gearbox.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.Json;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.ResponseFormat;
import dev.gearbox.chat.Role;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import dev.gearbox.pipeline.AttemptRecord;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The need for a judge model's label on a request. The judge gets a fixed instruction and the
 * request's routing text, asks for JSON {@code {"label": ...}} (a schema with the three labels as an
 * enum, for providers that enforce it), and its answer is read leniently: exactly one of the three
 * words anywhere in it. It never fails: a timeout, an error or an unusable answer is a
 * {@link Judgement.NoLabel}, so the policy can fall back.
 */
public record JudgeNeed(String policy, String model, Duration timeout, int maxOutputTokens) implements Need<Judgement> {
    static final String INSTRUCTION = """
            You route requests to language models. Rate how hard the user's request is to answer well:
            SIMPLE (a small model answers it: greetings, lookups, short rewrites, simple facts),
            MODERATE (a mid-size model: ordinary writing, summaries, explanations, simple code),
            COMPLEX (needs the strongest model: multi-step reasoning, hard math, non-trivial code, \
            expert or high-stakes domains). Answer with JSON {"label": "SIMPLE" | "MODERATE" | "COMPLEX"} only.""";
    private static final Pattern WORD = Pattern.compile("\\b(SIMPLE|MODERATE|COMPLEX)\\b", Pattern.CASE_INSENSITIVE);
    /** How much of an unusable answer the reason quotes. */
    static final int QUOTE_CHARS = 40;

    @Override
    public Future<Judgement> fulfil(RoutingInput input, SlowWork work, Consumer<AttemptRecord> billing) {
        ChatRequest ask = request(PromptEmbedding.text(input.request()));
        Future<ChatResponse> answer;
        try {
            answer = work.ask(model, ask, timeout, billing);
        } catch (RuntimeException e) {
            answer = Future.failedFuture(e);
        }
        return answer.map(r -> read(r)).otherwise(JudgeNeed::failure);
    }

    @Override
    public String describe() {
        return "judge label from " + model + " (policy " + policy + ")";
    }

    public ChatRequest request(String text) {
        ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "object");
        ObjectNode label = schema.putObject("properties").putObject("label").put("type", "string");
        ArrayNode levels = label.putArray("enum");
        for (Judgement.Level l : Judgement.Level.values()) levels.add(l.name());
        schema.putArray("required").add("label");
        schema.put("additionalProperties", false);
        return new ChatRequest(model, List.of(Message.text(Role.SYSTEM, INSTRUCTION), Message.text(Role.USER, text)),
                null, null, new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "difficulty", schema, true), 0.0, null,
                maxOutputTokens, null, null, null, null, false, false, null);
    }

    /** The label in a judge's answer: exactly one distinct label word, else unusable. */
    public static Judgement read(ChatResponse r) {
        Message m = r.firstMessage();
        String text = m == null ? "" : m.text();
        Matcher w = WORD.matcher(text);
        Judgement.Level found = null;
        while (w.find()) {
            Judgement.Level l = Judgement.Level.valueOf(w.group(1).toUpperCase(Locale.ROOT));
            if (found != null && found != l) return unusable(text);
            found = l;
        }
        return found == null ? unusable(text) : new Judgement.Label(found);
    }

    private static Judgement unusable(String text) {
        String q = text.strip().replaceAll("\\s+", " ");
        if (q.length() > QUOTE_CHARS) q = q.substring(0, QUOTE_CHARS) + "...";
        return new Judgement.NoLabel(Judgement.Failure.UNUSABLE, "'" + q + "'");
    }

    private static Judgement failure(Throwable t) {
        if (t instanceof GatewayError.UpstreamError u && u.errorClass() == ErrorClass.TIMEOUT) {
            return new Judgement.NoLabel(Judgement.Failure.TIMEOUT, u.getMessage());
        }
        if (t instanceof GatewayError.AllAttemptsFailed a) return new Judgement.NoLabel(Judgement.Failure.ERROR, a.getMessage());
        return new Judgement.NoLabel(Judgement.Failure.ERROR, t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }
}
