package dev.gearbox.observe;

import dev.gearbox.catalog.Fleet;
import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.catalog.Tier;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.config.ObserveConfig;
import dev.gearbox.dispatch.SideCall;
import dev.gearbox.embed.Embedder;
import dev.gearbox.ledger.LedgerRecord;
import dev.gearbox.ledger.ShadowDecision;
import dev.gearbox.pipeline.AttemptRecord;
import dev.gearbox.pipeline.RequestContext;
import dev.gearbox.policy.Candidate;
import dev.gearbox.policy.Decision;
import dev.gearbox.policy.Router;
import dev.gearbox.policy.RoutingInput;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observe stage, around dispatch and off the response path: decides whether a request's
 * routing decision is executed or only recorded (observe mode serves the model the client named,
 * or the baseline for {@code auto}), evaluates the shadow policies once the answer is out, and
 * runs shadow tests on a sample (the same request to another model, the answers compared, the
 * other call's cost logged separately, never the client's).
 */
public final class Observer {
    private static final Logger LOG = LoggerFactory.getLogger(Observer.class);
    static final Duration SHADOW_TIMEOUT = Duration.ofSeconds(60);

    private final ObserveConfig cfg;
    private final String defaultMode;
    private final Router router;
    private final Fleet fleet;
    private final ModelInfo baseline;
    private final SideCall side;
    private final ObservationLog log;
    private final Supplier<Embedder> embedder;
    private final WorkerExecutor workers;
    private final DoubleSupplier random;
    private final DriftMonitor drift;

    public Observer(ObserveConfig cfg, String defaultMode, Router router, Fleet fleet, ModelInfo baseline, SideCall side,
                    ObservationLog log, Supplier<Embedder> embedder, WorkerExecutor workers, DoubleSupplier random, DriftMonitor drift) {
        this.drift = drift;
        this.cfg = cfg;
        this.defaultMode = defaultMode;
        this.router = router;
        this.fleet = fleet;
        this.baseline = baseline;
        this.side = side;
        this.log = log;
        this.embedder = embedder;
        this.workers = workers;
        this.random = random;
    }

    public ObservationLog log() {
        return log;
    }

    /** Explicit feedback: logged, and fed to quality monitoring (mapped from -1..1 to 0..1). */
    public void feedback(ObservationLog.Feedback f) {
        log.feedback(f);
        drift.quality("feedback", (f.score() + 1) / 2);
    }

    /** A finished request, for drift monitoring: its task type, and whether it fell back or escalated. */
    public void finished(RequestContext ctx, LedgerRecord rec) {
        long serve = rec.attempts().stream().filter(a -> a.kind() == AttemptRecord.Kind.SERVE).count();
        drift.request(ctx.signals() == null ? null : ctx.signals().taskType().wire(), serve > 1 && rec.servedModel() != null,
                !rec.escalations().isEmpty());
    }

    /** How long the same caller asking the same thing again counts as a sign the first answer failed. */
    static final long REPEAT_WINDOW_MS = 120_000;
    private final java.util.Map<String, String[]> lastAsk = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, String[]> e) {
                    return size() > 10_000;
                }
            });

    /**
     * Implicit feedback on earlier answers: a client's regenerate flag ({@code x-gearbox-regenerate:
     * REQUEST_ID}) and the same caller sending the same prompt again within two minutes each count
     * as a mildly bad verdict (-0.5) on the earlier request.
     */
    public void implicitFeedback(RequestContext ctx, String regenerateOf) {
        long now = System.currentTimeMillis();
        if (regenerateOf != null && !regenerateOf.isBlank()) {
            log.feedback(new ObservationLog.Feedback(regenerateOf.trim(), now, -0.5, "regenerate", null));
        }
        if (ctx.caller().keyId() == null || dev.gearbox.pipeline.Caller.ANONYMOUS.equals(ctx.caller().keyId())) return;
        String hash = Integer.toHexString(dev.gearbox.policy.PromptEmbedding.text(ctx.request()).hashCode());
        String[] prev = lastAsk.put(ctx.caller().keyId(), new String[] {hash, ctx.id(), Long.toString(now)});
        if (prev != null && prev[0].equals(hash) && now - Long.parseLong(prev[2]) <= REPEAT_WINDOW_MS
                && (regenerateOf == null || !regenerateOf.trim().equals(prev[1]))) {
            log.feedback(new ObservationLog.Feedback(prev[1], now, -0.5, "repeat", null));
        }
    }

    /** The mode for a request: its key's, else its route's, else the default. */
    String mode(RequestContext ctx, Decision d) {
        if (ctx.admission() != null && ctx.admission().key().mode() != null) return ctx.admission().key().mode();
        String byRoute = cfg.routes().get(d.route());
        return byRoute != null ? byRoute : defaultMode;
    }

    /**
     * The decision to execute. In observe mode the policy's decision is kept on the context for
     * the ledger, and the request is served by the model the client named (a catalog model or an
     * alias of one), or by the baseline when it asked for {@code auto} or a policy; with neither,
     * it is routed live (observation of {@code auto} needs {@code routing.baseline}).
     */
    public Decision serve(RequestContext ctx, Decision d) {
        ctx.catalog(fleet.catalog());
        if (!ObserveConfig.OBSERVE.equals(mode(ctx, d))) return d;
        String asked = ctx.request().model();
        String target = null;
        String alias = fleet.alias(asked);
        if (alias != null && fleet.servable(alias)) target = alias;
        else if (fleet.servable(asked)) target = asked;
        else if (baseline != null && fleet.servable(baseline.id())) target = baseline.id();
        if (target == null) return d;
        ctx.observe(d);
        return new Decision("observe", d.policyVersion(), List.of(new Candidate(target, 1.0, "observe: as asked")), List.of(),
                "observe: would route to " + d.primary() + " (" + d.reason() + "); served " + target + " as asked",
                d.confidence(), d.threshold());
    }

    /** The shadow policies' decisions for a finished request (after its answer was sent). */
    public Future<List<ShadowDecision>> shadows(RequestContext ctx, LedgerRecord rec) {
        if (cfg.shadowPolicies().isEmpty() || ctx.signals() == null) return Future.succeededFuture(List.of());
        List<Future<ShadowDecision>> all = new ArrayList<>();
        for (String policy : cfg.shadowPolicies()) {
            ChatRequest asPolicy = ctx.request().withModel(policy);
            all.add(router.routeAsync(new RoutingInput(asPolicy, ctx.signals(), ctx.caller()), a -> {})
                    .map(d -> {
                        double projected = fleet.catalog().find(d.primary()).map(m -> m.price().cost(rec.usage())).orElse(Double.NaN);
                        return new ShadowDecision(policy, d.policyVersion(), d.primary(), !d.primary().equals(rec.servedModel()), projected);
                    })
                    .otherwise(e -> new ShadowDecision(policy, null, null, true, Double.NaN)));
        }
        return Future.join(all).map(c -> {
            List<ShadowDecision> out = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) out.add(all.get(i).result());
            return out;
        }).otherwise(List.of());
    }

    /** For a sampled successful request, asks the comparison model too and logs each evaluator's verdict. */
    public void shadowTest(RequestContext ctx, LedgerRecord rec, String answer) {
        ObserveConfig.ShadowTests t = cfg.shadowTests();
        if (t == null || answer == null || rec.status() != 200 || rec.servedModel() == null) return;
        if (random.getAsDouble() >= t.sample()) return;
        boolean wouldRoute = ObserveConfig.ShadowTests.WOULD_ROUTE.equals(t.compareWith());
        String other = wouldRoute ? rec.wouldModel()
                : ObserveConfig.ShadowTests.NEXT_TIER_UP.equals(t.compareWith()) ? nextTierUp(rec.servedModel()) : t.compareWith();
        if (other == null || other.equals(rec.servedModel()) || !fleet.servable(other)) return;
        List<AttemptRecord> billed = new ArrayList<>();
        side.ask(other, ctx.request().withStream(false), SHADOW_TIMEOUT, billed::add).onComplete(ar -> {
            double cost = billed.stream().mapToDouble(AttemptRecord::costUsd).sum();
            if (ar.failed()) {
                LOG.info("shadow test of {} against {} failed: {}", ctx.id(), other, ar.cause().getMessage());
                return;
            }
            String otherAnswer = ar.result().firstMessage().text();
            String route = rec.decision() == null ? null : rec.decision().route();
            String task = ctx.signals() == null ? null : ctx.signals().taskType().wire();
            // the answer under test is the would-route model's (observe) or the served one (quality sampling)
            String candidate = wouldRoute ? otherAnswer : answer;
            String reference = wouldRoute ? answer : otherAnswer;
            for (String ev : t.evaluators()) {
                evaluate(ev, t, ctx, candidate, reference).onSuccess(score -> {
                    if (score >= 0) {
                        drift.quality("route:" + route + "/" + ev, score);
                        drift.quality("model:" + rec.servedModel() + "/" + ev, score);
                        drift.quality("task:" + task + "/" + ev, score);
                        log.shadowTest(new ObservationLog.ShadowTest(ctx.id(), System.currentTimeMillis(), route, task,
                                rec.servedModel(), other, ev, score, ev.equals(t.evaluators().get(0)) ? cost : 0));
                    }
                });
            }
        });
    }

    private Future<Double> evaluate(String ev, ObserveConfig.ShadowTests t, RequestContext ctx, String served, String other) {
        // served: the answer under test; other: the reference it is judged against
        return switch (ev) {
            case "json" -> Future.succeededFuture(Evaluators.json(served, other,
                    ctx.request().responseFormat() != null && ctx.request().responseFormat().type() != dev.gearbox.chat.ResponseFormat.Type.TEXT,
                    ctx.request().responseFormat() == null ? null : ctx.request().responseFormat().schema()));
            case "exact" -> Future.succeededFuture(Evaluators.exact(served, other));
            case "similarity" -> workers.executeBlocking(() -> Evaluators.similarity(embedder.get(), served, other));
            case "judge" -> {
                String request = dev.gearbox.policy.PromptEmbedding.text(ctx.request());
                boolean pairwise = ObserveConfig.ShadowTests.PAIRWISE.equals(t.judgeMode());
                String prompt = pairwise ? Evaluators.pairwisePrompt(t.rubric(), request, other, served)
                        : Evaluators.judgePrompt(t.rubric(), request, other, served);
                ChatRequest ask = ChatRequest.of(t.judgeModel(), List.of(Message.text(Role.USER, prompt))).withMaxTokens(4);
                yield side.ask(t.judgeModel(), ask, SHADOW_TIMEOUT, a -> {})
                        .map(r -> pairwise ? Evaluators.pairwise(r.firstMessage().text()) : Evaluators.grade(r.firstMessage().text()));
            }
            default -> Future.succeededFuture(-1.0);
        };
    }

    /** The cheapest servable model one tier above {@code model}'s (quality sampling), or null at the top. */
    String nextTierUp(String model) {
        Tier t = fleet.info(model).tier();
        if (t == Tier.FRONTIER) return null;
        Tier up = t == Tier.EFFICIENT ? Tier.MID : Tier.FRONTIER;
        List<ModelInfo> ms = fleet.servableInTier(up);
        if (ms.isEmpty() && up == Tier.MID) ms = fleet.servableInTier(Tier.FRONTIER);
        return ms.isEmpty() ? null : ms.get(0).id();
    }
}
