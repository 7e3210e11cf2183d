package dev.gearbox.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import dev.gearbox.pipeline.AttemptRecord;
import dev.gearbox.policy.Candidate;
import dev.gearbox.policy.Decision;
import dev.gearbox.policy.Rejection;
import dev.gearbox.signals.Signals;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** How a {@link LedgerRecord} becomes a row of {@code requests}: flat columns to aggregate, the full story as JSON. */
final class LedgerRows {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String INSERT = "INSERT INTO requests (request_id, ts, key_id, team, tag, caller_tier, ingress, requested_model, "
            + "stream, served_model, provider, route, policy_version, reason, status, error_class, input_tokens, "
            + "cached_input_tokens, output_tokens, reasoning_tokens, cost_usd, baseline_cost_usd, latency_ms, ttft_ms, "
            + "attempts, fallback, escalated, detail, mode, would_model, projected_cost_usd) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    static final String INSERT_SHADOW = "INSERT INTO shadow_decisions (request_id, ts, policy, policy_version, model, diverges, "
            + "projected_cost_usd, actual_cost_usd) VALUES (?,?,?,?,?,?,?,?)";

    private LedgerRows() {}

    static void bind(PreparedStatement ps, LedgerRecord r) throws SQLException {
        Decision d = r.decision();
        int i = 1;
        ps.setString(i++, r.requestId());
        ps.setLong(i++, r.epochMillis());
        ps.setString(i++, r.keyId());
        ps.setString(i++, team(r));
        ps.setString(i++, cut(r.tag(), 256));
        ps.setString(i++, r.callerTier());
        ps.setString(i++, r.ingress());
        ps.setString(i++, cut(r.requestedModel(), 256));
        ps.setInt(i++, r.stream() ? 1 : 0);
        ps.setString(i++, r.servedModel());
        ps.setString(i++, r.provider());
        ps.setString(i++, route(r));
        ps.setString(i++, d == null ? null : d.policyVersion());
        ps.setString(i++, d == null ? null : cut(d.reason(), 1024));
        ps.setInt(i++, r.status());
        ps.setString(i++, r.errorClass() == null ? null : r.errorClass().name().toLowerCase(java.util.Locale.ROOT));
        ps.setLong(i++, r.usage().inputTokens());
        ps.setLong(i++, r.usage().cachedInputTokens());
        ps.setLong(i++, r.usage().outputTokens());
        ps.setLong(i++, r.usage().reasoningTokens());
        ps.setDouble(i++, r.costUsd());
        if (Double.isNaN(r.baselineCostUsd())) ps.setNull(i++, Types.DOUBLE);
        else ps.setDouble(i++, r.baselineCostUsd());
        ps.setLong(i++, r.latencyMillis());
        ps.setLong(i++, r.ttftMillis());
        ps.setInt(i++, serveAttempts(r));
        ps.setInt(i++, fallback(r));
        ps.setInt(i++, escalated(r));
        ps.setString(i++, detail(r));
        ps.setString(i++, r.mode());
        ps.setString(i++, r.wouldModel());
        if (Double.isNaN(r.projectedCostUsd())) ps.setNull(i, Types.DOUBLE);
        else ps.setDouble(i, r.projectedCostUsd());
    }

    static void bindShadow(PreparedStatement ps, LedgerRecord r, ShadowDecision s) throws SQLException {
        ps.setString(1, r.requestId());
        ps.setLong(2, r.epochMillis());
        ps.setString(3, cut(s.policy(), 256));
        ps.setString(4, s.version());
        ps.setString(5, s.model());
        ps.setInt(6, s.diverges() ? 1 : 0);
        if (Double.isNaN(s.projectedCostUsd())) ps.setNull(7, Types.DOUBLE);
        else ps.setDouble(7, s.projectedCostUsd());
        ps.setDouble(8, r.costUsd());
    }

    /** The record's story as JSON (signals, decision, escalations, shadows, attempts), streamed: no tree per record. */
    static String detail(LedgerRecord r) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            Signals s = r.signals();
            if (s != null) {
                g.writeObjectFieldStart("signals");
                g.writeNumberField("context_bytes", s.contextBytes());
                g.writeNumberField("turns", s.turns());
                g.writeStringField("task", s.taskType().wire());
                g.writeBooleanField("code", s.hasCode());
                g.writeStringField("code_language", s.codeLanguage());
                g.writeBooleanField("math", s.math());
                g.writeNumberField("instructions", s.instructions());
                g.writeNumberField("complexity_markers", s.complexityMarkers());
                g.writeBooleanField("high_stakes", s.highStakes());
                g.writeStringField("output_size", s.outputSize().wire());
                g.writeBooleanField("tools", s.toolsRequested());
                g.writeBooleanField("images", s.hasImages());
                g.writeBooleanField("json", s.wantsJson());
                g.writeArrayFieldStart("domains");
                for (var x : s.domains()) g.writeString(x.wire());
                g.writeEndArray();
                g.writeArrayFieldStart("structured");
                for (var x : s.structured()) g.writeString(x.wire());
                g.writeEndArray();
                g.writeEndObject();
            }
            Decision d = r.decision();
            if (d != null) {
                g.writeObjectFieldStart("decision");
                g.writeStringField("policy", d.policyId());
                g.writeStringField("version", d.policyVersion());
                g.writeStringField("reason", d.reason());
                g.writeNumberField("confidence", d.confidence());
                if (d.threshold() != null) g.writeNumberField("threshold", d.threshold());
                g.writeArrayFieldStart("candidates");
                for (Candidate c : d.candidates()) {
                    g.writeStartObject();
                    g.writeStringField("model", c.model());
                    g.writeNumberField("score", c.score());
                    g.writeStringField("why", c.why());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("rejected");
                for (Rejection x : d.rejected()) {
                    g.writeStartObject();
                    g.writeStringField("model", x.model());
                    g.writeStringField("why", x.why());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            if (!r.escalations().isEmpty()) {
                g.writeArrayFieldStart("escalations");
                for (String e : r.escalations()) g.writeString(e);
                g.writeEndArray();
            }
            if (r.prompt() != null) g.writeStringField("prompt", r.prompt());
            g.writeStringField("mode", r.mode());
            if (r.wouldModel() != null) g.writeStringField("would_model", r.wouldModel());
            if (!r.shadows().isEmpty()) {
                g.writeArrayFieldStart("shadows");
                for (ShadowDecision x : r.shadows()) {
                    g.writeStartObject();
                    g.writeStringField("policy", x.policy());
                    g.writeStringField("version", x.version());
                    g.writeStringField("model", x.model());
                    g.writeBooleanField("diverges", x.diverges());
                    g.writeNumberField("projected_cost_usd", x.projectedCostUsd());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeArrayFieldStart("attempts");
            for (AttemptRecord a : r.attempts()) {
                g.writeStartObject();
                g.writeStringField("kind", a.kind().wire());
                g.writeStringField("deployment", a.deployment());
                g.writeStringField("provider", a.provider());
                g.writeStringField("model", a.model());
                g.writeNumberField("status", a.status());
                g.writeStringField("error_class", a.errorClass() == null ? null : a.errorClass().name().toLowerCase(java.util.Locale.ROOT));
                g.writeNumberField("latency_ms", a.latencyMillis());
                g.writeNumberField("ttft_ms", a.ttftMillis());
                g.writeNumberField("input_tokens", a.usage().inputTokens());
                g.writeNumberField("cached_input_tokens", a.usage().cachedInputTokens());
                g.writeNumberField("cache_write_tokens", a.usage().cacheWriteTokens());
                g.writeNumberField("output_tokens", a.usage().outputTokens());
                g.writeNumberField("reasoning_tokens", a.usage().reasoningTokens());
                g.writeNumberField("cost_usd", a.costUsd());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The {@code team} column. */
    static String team(LedgerRecord r) {
        return cut(r.team(), 128);
    }

    /** The {@code route} column. */
    static String route(LedgerRecord r) {
        return r.decision() == null ? null : cut(r.decision().route(), 256);
    }

    static int serveAttempts(LedgerRecord r) {
        int n = 0;
        for (AttemptRecord a : r.attempts()) if (a.kind() == AttemptRecord.Kind.SERVE) n++;
        return n;
    }

    /** The {@code fallback} column: served, by other than the first deployment tried. */
    static int fallback(LedgerRecord r) {
        return serveAttempts(r) > 1 && r.servedModel() != null ? 1 : 0;
    }

    /** The {@code escalated} column. */
    static int escalated(LedgerRecord r) {
        return r.escalations().isEmpty() ? 0 : 1;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
