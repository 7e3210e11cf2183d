package dev.gearbox.governance;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** Limits counted in this process: right for one replica (the default when no Redis is configured). */
public final class LocalLimits implements Limits {
    private final LongSupplier epochMillis;
    private final Map<String, Long> counters = new HashMap<>();

    public LocalLimits(LongSupplier epochMillis) {
        this.epochMillis = epochMillis;
    }

    @Override
    public synchronized Future<Double> admit(VirtualKey k, int estimatedTokens) {
        long now = epochMillis.getAsLong();
        Windows w = Windows.at(now);
        prune(w);
        long day = get("d:" + k.id() + ":" + w.day());
        long month = get("m:" + k.id() + ":" + w.month());
        String rpmKey = "r:" + k.id() + ":" + w.minute();
        String tpmKey = "t:" + k.id() + ":" + w.minute();
        int which = Refusals.OK;
        if (k.dailyUsd() > 0 && day >= Limits.micros(k.dailyUsd())) which = Refusals.DAILY;
        else if (k.monthlyUsd() > 0 && month >= Limits.micros(k.monthlyUsd())) which = Refusals.MONTHLY;
        else if (k.rpm() > 0 && get(rpmKey) + 1 > k.rpm()) which = Refusals.RPM;
        else if (k.tpm() > 0 && get(tpmKey) + estimatedTokens > k.tpm()) which = Refusals.TPM;
        if (which != Refusals.OK) return Future.failedFuture(Refusals.of(which, k, w, now));
        counters.merge(rpmKey, 1L, Long::sum);
        counters.merge(tpmKey, (long) estimatedTokens, Long::sum);
        return Future.succeededFuture(Refusals.budgetLeft(k, day, month));
    }

    @Override
    public synchronized void settle(VirtualKey k, int estimatedTokens, int actualTokens, double costUsd) {
        Windows w = Windows.at(epochMillis.getAsLong());
        counters.merge("t:" + k.id() + ":" + w.minute(), (long) actualTokens - estimatedTokens, Long::sum);
        long micros = Limits.micros(costUsd);
        counters.merge("d:" + k.id() + ":" + w.day(), micros, Long::sum);
        counters.merge("m:" + k.id() + ":" + w.month(), micros, Long::sum);
    }

    private long get(String key) {
        return counters.getOrDefault(key, 0L);
    }

    /** Drops minute counters of past minutes (days and months are few). */
    private void prune(Windows w) {
        if (counters.size() < 10_000) return;
        String suffix = ":" + w.minute();
        counters.keySet().removeIf(key -> (key.startsWith("r:") || key.startsWith("t:")) && !key.endsWith(suffix));
    }
}
