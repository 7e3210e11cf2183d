package dev.gearbox.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.Choice;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Json;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.ResponseFormat;
import dev.gearbox.chat.Tool;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.policy.Escalation;
import dev.gearbox.policy.Escalation.Check;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks a cascade runs on an answer before accepting it: pure functions of the request and
 * the answer, so the gateway and the offline evaluator judge answers identically. Returns the
 * name of the first failed check (what {@code x-gearbox-escalated} shows), or null when the answer
 * passes.
 */
public final class AnswerChecks {
    /** Refusals and "I don't know" show up at the start of an answer; the rest is not searched. */
    static final int REFUSAL_WINDOW_CHARS = 300;
    private static final Pattern REFUSAL = Pattern.compile(
            "\\b(I(?:'m| am)? (?:sorry, but I )?(?:can(?:no|')t|cannot|am unable to|'m unable to|am not able to|'m not able to|won't) "
                    + "(?:help|assist|answer|provide|do that|comply|complete)"
                    + "|I (?:do not|don't) know|I(?:'m| am) not (?:sure|certain)|I(?:'m| am) unsure"
                    + "|as an AI(?: language model)?, I (?:can(?:no|')t|cannot|do not|don't))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern STATED_CONFIDENCE = Pattern.compile(
            "confidence\\W{0,4}(\\d{1,3}(?:\\.\\d+)?)\\s*(%?)", Pattern.CASE_INSENSITIVE);
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private AnswerChecks() {}

    /** The first failed check's name, or null when the answer passes every check of the plan. */
    public static String firstFailure(Escalation plan, ChatRequest request, ChatResponse answer) {
        Choice choice = answer.choices().isEmpty() ? null : answer.choices().get(0);
        Message m = choice == null ? null : choice.message();
        String text = m == null ? "" : m.text();
        boolean toolCalls = m != null && !m.toolCalls().isEmpty();
        Set<Check> checks = plan.checks();
        if (checks.contains(Check.EMPTY) && text.isBlank() && !toolCalls) return "empty";
        if (checks.contains(Check.TRUNCATED) && choice != null && choice.finishReason() == FinishReason.LENGTH) return "truncated";
        if (checks.contains(Check.REFUSAL)) {
            if (choice != null && choice.finishReason() == FinishReason.CONTENT_FILTER) return "refusal";
            String head = text.length() > REFUSAL_WINDOW_CHARS ? text.substring(0, REFUSAL_WINDOW_CHARS) : text;
            if (REFUSAL.matcher(head).find()) return "refusal";
        }
        if (checks.contains(Check.UNKNOWN_TOOL) && toolCalls) {
            Set<String> offered = new HashSet<>();
            for (Tool t : request.tools()) offered.add(t.name());
            for (ToolCall c : m.toolCalls()) if (!offered.contains(c.name())) return "unknown_tool";
        }
        JsonNode json = null;
        if (checks.contains(Check.JSON) && request.wantsJson() && !toolCalls) {
            try {
                json = Json.MAPPER.readTree(text);
            } catch (Exception e) {
                return "json_invalid";
            }
            if (json == null || json.isMissingNode()) return "json_invalid";
            ResponseFormat f = request.responseFormat();
            if (f.type() == ResponseFormat.Type.JSON_SCHEMA && f.schema() != null && !f.schema().isEmpty()
                    && !schemaErrors(f.schema(), json).isEmpty()) {
                return "schema_mismatch";
            }
        }
        if (checks.contains(Check.CONFIDENCE)) {
            Double c = statedConfidence(json, text);
            if (c != null && c < plan.minConfidence()) return "low_confidence";
        }
        return null;
    }

    static Set<ValidationMessage> schemaErrors(JsonNode schema, JsonNode value) {
        JsonSchema s = SCHEMAS.getSchema(schema);
        return s.validate(value);
    }

    /** A confidence the answer states: a top-level JSON {@code confidence} field, else "confidence: 0.8" or "70%". */
    static Double statedConfidence(JsonNode json, String text) {
        if (json != null && json.path("confidence").isNumber()) return scale(json.path("confidence").asDouble(), false);
        Matcher m = STATED_CONFIDENCE.matcher(text);
        if (!m.find()) return null;
        return scale(Double.parseDouble(m.group(1)), !m.group(2).isEmpty());
    }

    private static double scale(double v, boolean percent) {
        return percent || v > 1 ? v / 100 : v;
    }
}
