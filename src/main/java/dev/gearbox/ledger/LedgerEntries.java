package dev.gearbox.ledger;

import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.chat.Usage;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.pipeline.AttemptRecord;
import dev.gearbox.pipeline.RequestContext;
import java.util.List;

/** Builds the {@link LedgerRecord} of a finished request from its context. */
public final class LedgerEntries {
    private LedgerEntries() {}

    /**
     * @param served the attempt that answered, or null when none did
     */
    public static LedgerRecord of(RequestContext ctx, ModelInfo baseline, AttemptRecord served, int status,
                                  ErrorClass errorClass, long latencyMillis) {
        return of(ctx, baseline, served, status, errorClass, latencyMillis, dev.gearbox.config.LedgerConfig.Redact.NONE);
    }

    public static LedgerRecord of(RequestContext ctx, ModelInfo baseline, AttemptRecord served, int status,
                                  ErrorClass errorClass, long latencyMillis, dev.gearbox.config.LedgerConfig.Redact redact) {
        double cost = 0;
        for (AttemptRecord a : ctx.attempts()) cost += a.costUsd();
        Usage usage = served == null ? Usage.ZERO : served.usage();
        double baselineCost = baseline == null || served == null ? Double.NaN : baseline.price().cost(usage);
        var c = ctx.caller();
        return new LedgerRecord(ctx.id(), ctx.receivedEpochMillis(), c.keyId(), c.team(), c.tag(), c.tier(), ctx.ingressFormat(),
                ctx.request().model(), ctx.request().stream(), ctx.signals(), ctx.observed() ? ctx.would() : ctx.decision(), ctx.attempts(),
                served == null ? null : served.model(), served == null ? null : served.provider(), status, errorClass,
                usage, cost, baselineCost, latencyMillis, served == null ? -1 : served.ttftMillis(), ctx.escalations(),
                prompt(ctx, redact), ctx.observed() ? "observe" : "route", wouldModel(ctx),
                projected(ctx, usage), List.of());
    }

    /** In observe mode, the model the decision would have served the request with. */
    static String wouldModel(RequestContext ctx) {
        return ctx.observed() && ctx.would() != null ? ctx.would().primary() : null;
    }

    /** In observe mode, what the served usage would have cost on the model the decision chose. */
    static double projected(RequestContext ctx, Usage usage) {
        String m = wouldModel(ctx);
        if (m == null || ctx.catalog() == null) return Double.NaN;
        return ctx.catalog().find(m).map(info -> info.price().cost(usage)).orElse(Double.NaN);
    }

    /** The prompt as {@code redact} allows: nothing, a SHA-256 of the messages' text, or the text. */
    static String prompt(RequestContext ctx, dev.gearbox.config.LedgerConfig.Redact redact) {
        if (redact == dev.gearbox.config.LedgerConfig.Redact.NONE) return null;
        StringBuilder sb = new StringBuilder();
        for (var m : ctx.request().messages()) sb.append(m.role().wire()).append(": ").append(m.text()).append('\n');
        if (redact == dev.gearbox.config.LedgerConfig.Redact.FULL) return sb.toString();
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(h);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
