package dev.gearbox.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        ps.setString(i++, cut(r.team(), 128));
        ps.setString(i++, cut(r.tag(), 256));
        ps.setString(i++, r.callerTier());
        ps.setString(i++, r.ingress());
        ps.setString(i++, cut(r.requestedModel(), 256));
        ps.setInt(i++, r.stream() ? 1 : 0);
        ps.setString(i++, r.servedModel());
        ps.setString(i++, r.provider());
        ps.setString(i++, d == null ? null : cut(d.route(), 256));
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
        long serve = r.attempts().stream().filter(a -> a.kind() == AttemptRecord.Kind.SERVE).count();
        ps.setInt(i++, (int) serve);
        ps.setInt(i++, serve > 1 && r.servedModel() != null ? 1 : 0);
        ps.setInt(i++, r.escalations().isEmpty() ? 0 : 1);
        ps.setString(i++, detail(r).toString());
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

    static ObjectNode detail(LedgerRecord r) {
        ObjectNode o = JSON.createObjectNode();
        Signals s = r.signals();
        if (s != null) {
            ObjectNode sig = o.putObject("signals");
            sig.put("context_bytes", s.contextBytes()).put("turns", s.turns()).put("task", s.taskType().wire())
                    .put("code", s.hasCode()).put("code_language", s.codeLanguage()).put("math", s.math())
                    .put("instructions", s.instructions()).put("complexity_markers", s.complexityMarkers())
                    .put("high_stakes", s.highStakes()).put("output_size", s.outputSize().wire())
                    .put("tools", s.toolsRequested()).put("images", s.hasImages()).put("json", s.wantsJson());
            ArrayNode dom = sig.putArray("domains");
            s.domains().forEach(x -> dom.add(x.wire()));
            ArrayNode st = sig.putArray("structured");
            s.structured().forEach(x -> st.add(x.wire()));
        }
        Decision d = r.decision();
        if (d != null) {
            ObjectNode dec = o.putObject("decision");
            dec.put("policy", d.policyId()).put("version", d.policyVersion()).put("reason", d.reason())
                    .put("confidence", d.confidence());
            if (d.threshold() != null) dec.put("threshold", d.threshold());
            ArrayNode cands = dec.putArray("candidates");
            for (Candidate c : d.candidates()) cands.addObject().put("model", c.model()).put("score", c.score()).put("why", c.why());
            ArrayNode rej = dec.putArray("rejected");
            for (Rejection x : d.rejected()) rej.addObject().put("model", x.model()).put("why", x.why());
        }
        if (!r.escalations().isEmpty()) {
            ArrayNode esc = o.putArray("escalations");
            r.escalations().forEach(esc::add);
        }
        if (r.prompt() != null) o.put("prompt", r.prompt());
        o.put("mode", r.mode());
        if (r.wouldModel() != null) o.put("would_model", r.wouldModel());
        if (!r.shadows().isEmpty()) {
            ArrayNode sh = o.putArray("shadows");
            for (ShadowDecision x : r.shadows()) {
                sh.addObject().put("policy", x.policy()).put("version", x.version()).put("model", x.model())
                        .put("diverges", x.diverges()).put("projected_cost_usd", x.projectedCostUsd());
            }
        }
        ArrayNode att = o.putArray("attempts");
        for (AttemptRecord a : r.attempts()) {
            att.addObject().put("kind", a.kind().wire()).put("deployment", a.deployment()).put("provider", a.provider())
                    .put("model", a.model()).put("status", a.status())
                    .put("error_class", a.errorClass() == null ? null : a.errorClass().name().toLowerCase(java.util.Locale.ROOT))
                    .put("latency_ms", a.latencyMillis()).put("ttft_ms", a.ttftMillis())
                    .put("input_tokens", a.usage().inputTokens()).put("cached_input_tokens", a.usage().cachedInputTokens())
                    .put("cache_write_tokens", a.usage().cacheWriteTokens()).put("output_tokens", a.usage().outputTokens())
                    .put("reasoning_tokens", a.usage().reasoningTokens()).put("cost_usd", a.costUsd());
        }
        return o;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
