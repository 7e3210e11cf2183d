package dev.gearbox.ledger;

import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.chat.Usage;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.pipeline.AttemptRecord;
import dev.gearbox.pipeline.RequestContext;

/** Builds the {@link LedgerRecord} of a finished request from its context. */
public final class LedgerEntries {
    private LedgerEntries() {}

    /**
     * @param served the attempt that answered, or null when none did
     */
    public static LedgerRecord of(RequestContext ctx, ModelInfo baseline, AttemptRecord served, int status,
                                  ErrorClass errorClass, long latencyMillis) {
        double cost = 0;
        for (AttemptRecord a : ctx.attempts()) cost += a.costUsd();
        Usage usage = served == null ? Usage.ZERO : served.usage();
        double baselineCost = baseline == null || served == null ? Double.NaN : baseline.price().cost(usage);
        var c = ctx.caller();
        return new LedgerRecord(ctx.id(), ctx.receivedEpochMillis(), c.keyId(), c.tag(), c.tier(), ctx.ingressFormat(),
                ctx.request().model(), ctx.request().stream(), ctx.signals(), ctx.decision(), ctx.attempts(),
                served == null ? null : served.model(), served == null ? null : served.provider(), status, errorClass,
                usage, cost, baselineCost, latencyMillis, served == null ? -1 : served.ttftMillis());
    }
}
