package dev.gearbox.governance;

import dev.gearbox.catalog.Fleet;
import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.TokenCounter;
import dev.gearbox.config.GovernanceConfig;
import dev.gearbox.error.GatewayError;
import dev.gearbox.ledger.LedgerRecord;
import dev.gearbox.pipeline.Caller;
import dev.gearbox.pipeline.RequestContext;
import dev.gearbox.policy.Candidate;
import dev.gearbox.policy.Decision;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The governance stage, between ingress and routing: who is calling (a virtual key, required or
 * not), whether their limits and budgets admit the request, which models they may use, and the
 * per-request caps of their tier. When the request ends, its tokens and cost are counted.
 */
public final class Governance {
    /** Output tokens assumed for a request that sets no max_tokens, for TPM admission. */
    static final int DEFAULT_OUTPUT_ESTIMATE = 256;

    private final GovernanceConfig cfg;
    private final Keys keys;
    private final Limits limits;

    public Governance(GovernanceConfig cfg, Keys keys, Limits limits) {
        this.cfg = cfg;
        this.keys = keys;
        this.limits = limits;
    }

    public Keys keys() {
        return keys;
    }

    public GovernanceConfig config() {
        return cfg;
    }

    /**
     * The caller with its virtual key applied, or as it came when the token is not one of ours
     * and keys are not required. A revoked key, or no key when one is required, is a 401.
     */
    public Caller authenticate(String bearer, Caller fromHeaders) {
        VirtualKey k = keys.find(bearer);
        if (k == null) {
            if (cfg.requireKeys()) {
                throw new GatewayError.Unauthorized(bearer == null || bearer.isBlank()
                        ? "This gateway needs a virtual key: send it as 'Authorization: Bearer gbx-...'."
                        : "The key is not a valid Gearbox virtual key.");
            }
            return fromHeaders;
        }
        if (k.revoked()) throw new GatewayError.Unauthorized("Key " + k.id() + " was revoked.");
        return fromHeaders.withKey(k.id(), k.team(), k.tier(), k.allowed());
    }

    /**
     * Admits the request against its key's limits; completes with the caller carrying the budget
     * left, or fails with a 429 naming the limit and when it resets.
     */
    public Future<Caller> admit(RequestContext ctx, String bearer) {
        VirtualKey k = bearer == null ? null : keys.find(bearer);
        if (k == null || k.revoked()) return Future.succeededFuture(ctx.caller());
        if (k.rpm() == 0 && k.tpm() == 0 && k.dailyUsd() == 0 && k.monthlyUsd() == 0) {
            ctx.admission(new Admitted(k, 0));
            return Future.succeededFuture(ctx.caller());
        }
        // a token budget needs the prompt's tokens: the counter's tables load on a worker the first time
        return (k.tpm() > 0 ? TokenCounter.load() : Future.<Void>succeededFuture()).compose(v -> admit(ctx, k));
    }

    private Future<Caller> admit(RequestContext ctx, VirtualKey k) {
        ChatRequest r = ctx.request();
        int est = k.tpm() > 0 ? TokenCounter.count(r.messages()) + (r.maxTokens() == null ? DEFAULT_OUTPUT_ESTIMATE : r.maxTokens()) : 0;
        return limits.admit(k, est).recover(e -> Future.failedFuture(e instanceof GatewayError g ? g
                        : new GatewayError.Unavailable("The gateway cannot reach its rate-limit store; try again shortly.", Duration.ofSeconds(1))))
                .map(left -> {
                    ctx.admission(new Admitted(k, est));
                    return left == null ? ctx.caller() : ctx.caller().withBudgetLeft(left);
                });
    }

    /** Keeps only the candidates the key may use; a 403 when none is left. A route (policy) the key may use allows all its models. */
    public Decision restrict(Decision d, Caller caller, String requested) {
        List<String> allowed = caller.allowedModels();
        if (allowed.isEmpty() || allowed.contains(requested) || allowed.contains(d.route())) return d;
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : d.candidates()) if (allowed.contains(c.model())) kept.add(c);
        if (kept.isEmpty()) {
            throw new GatewayError.Forbidden("Key " + caller.keyId() + " may not use " + requested + " (routed to "
                    + d.primary() + "); it may use: " + String.join(", ", allowed) + ".");
        }
        if (kept.size() == d.candidates().size()) return d;
        return new Decision(d.policyId(), d.policyVersion(), kept, d.rejected(), d.reason() + "; limited to the key's models",
                d.confidence(), d.threshold(), d.escalation());
    }

    /**
     * Applies the caller tier's per-request caps to the request about to go to {@code primary}:
     * max output tokens, then max cost (the prompt plus the output cap, at the model's price).
     * {@code cap} lowers max_tokens to fit; {@code refuse} turns away a request that asked for more.
     */
    /** Completes when {@link #cap} can run without blocking: a tier's cost cap counts the prompt's tokens. */
    public Future<Void> readyToCap(Caller caller) {
        GovernanceConfig.TierCap cap = caller.tier() == null ? null : cfg.tiers().get(caller.tier());
        return cap != null && cap.maxCostUsd() > 0 ? TokenCounter.load() : Future.succeededFuture();
    }

    public void cap(RequestContext ctx, Caller caller, ModelInfo primary) {
        GovernanceConfig.TierCap cap = caller.tier() == null ? null : cfg.tiers().get(caller.tier());
        if (cap == null) return;
        ChatRequest r = ctx.request();
        Integer asked = r.maxTokens();
        int out = asked == null ? primary.maxOutput() : asked;
        if (cap.maxOutputTokens() > 0 && out > cap.maxOutputTokens()) {
            if (cap.refuse() && asked != null) {
                throw new GatewayError.BadRequest("max_tokens " + asked + " is over the " + caller.tier() + " tier's cap of "
                        + cap.maxOutputTokens() + ".", "max_tokens", "tier_cap_exceeded");
            }
            out = cap.maxOutputTokens();
        }
        if (cap.maxCostUsd() > 0) {
            int prompt = TokenCounter.count(r.messages());
            double inCost = prompt * primary.price().inputPerMTok() / 1e6;
            double perOut = primary.price().outputPerMTok() / 1e6;
            double worst = inCost + out * perOut;
            if (worst > cap.maxCostUsd()) {
                int fits = perOut <= 0 ? out : (int) Math.floor((cap.maxCostUsd() - inCost) / perOut);
                if (cap.refuse() || fits < 1) {
                    throw new GatewayError.BadRequest(String.format(Locale.ROOT,
                            "This request could cost $%.6f on %s (prompt %d tokens, up to %d output), over the %s tier's cap of $%.6f per request.",
                            worst, primary.id(), prompt, out, caller.tier(), cap.maxCostUsd()), "max_tokens", "tier_cap_exceeded");
                }
                out = fits;
            }
        }
        if (asked == null ? out < primary.maxOutput() : out < asked) ctx.capRequest(r.withMaxTokens(out));
    }

    /** The request is over: count its tokens and cost against its key. */
    public void settle(RequestContext ctx, LedgerRecord rec) {
        Admitted a = ctx.admission();
        if (a == null) return;
        if (a.key().rpm() == 0 && a.key().tpm() == 0 && a.key().dailyUsd() == 0 && a.key().monthlyUsd() == 0) return;
        double cost = Double.isNaN(rec.costUsd()) ? 0 : rec.costUsd();
        limits.settle(a.key(), a.estimatedTokens(), rec.usage().inputTokens() + rec.usage().outputTokens(), cost);
    }

    /** The model a decision would send the request to first. */
    public static ModelInfo primary(Fleet fleet, Decision d) {
        return fleet.info(d.primary());
    }
}
