package dev.gearbox.policy;

import dev.gearbox.catalog.Fleet;
import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.catalog.Tier;
import dev.gearbox.chat.Usage;
import dev.gearbox.config.Deployment;
import dev.gearbox.signals.OutputSize;
import dev.gearbox.signals.Signals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cost-aware selector ({@code type: cost-aware}): over the deployed models that satisfy every
 * constraint (context window, tools / vision / JSON, the caller's latency SLA, the key's allowed
 * models and remaining budget, a deployment that is healthy and under its rate limits), choose the
 * one with the highest predicted quality minus {@code lambda} times its expected cost in cents.
 * Candidates are all fitting models by that utility; rejected ones say why.
 */
public final class CostAwarePolicy implements Policy {
    /** Expected time to first token and generation speed per tier, when the config gives none. */
    record Speed(int ttftMs, int tokensPerSecond) {}

    private final String id;
    private final String version;
    private final double lambda;
    private final int defaultOutputTokens;
    private final QualityModel quality;
    private final Map<Tier, Speed> speeds;
    private final Fleet fleet;

    CostAwarePolicy(String id, String version, double lambda, int defaultOutputTokens, QualityModel quality,
                    Map<Tier, Speed> speeds, Fleet fleet) {
        this.id = id;
        this.version = version;
        this.lambda = lambda;
        this.defaultOutputTokens = defaultOutputTokens;
        this.quality = quality;
        this.speeds = Map.copyOf(speeds);
        this.fleet = fleet;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public java.util.Set<Need<?>> needs() {
        return quality.needs();
    }

    record Scored(ModelInfo model, double quality, double cents, double utility) {}

    @Override
    public Decision decide(RoutingInput in) {
        Signals s = in.signals();
        int out = expectedOutput(s);
        List<Scored> fit = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        java.util.function.ToDoubleFunction<ModelInfo> predicted = quality.forRequest(in);
        for (ModelInfo m : fleet.servableModels()) {
            double usd = m.price().cost(Usage.of(estimatedInput(s), out));
            String why = unfit(m, in, usd, out);
            if (why != null) {
                rejected.add(new Rejection(m.id(), why));
                continue;
            }
            double q = predicted.applyAsDouble(m);
            fit.add(new Scored(m, q, usd * 100, q - lambda * usd * 100));
        }
        fit.sort(Comparator.comparingDouble(Scored::utility).reversed());
        List<Candidate> cands = new ArrayList<>(fit.size());
        for (Scored sc : fit) {
            cands.add(new Candidate(sc.model().id(), round(sc.utility()), String.format(Locale.ROOT,
                    "quality %.3f, cost %.4f cents", sc.quality(), sc.cents())));
        }
        String reason;
        double confidence;
        if (fit.isEmpty()) {
            reason = "no model satisfies the constraints";
            confidence = 0;
        } else {
            Scored best = fit.get(0);
            double margin = fit.size() > 1 ? best.utility() - fit.get(1).utility() : 1;
            reason = String.format(Locale.ROOT, "max quality - %.2f x cents: %s (q %.3f, %.4f cents)%s", lambda,
                    best.model().id(), best.quality(), best.cents(),
                    rejected.isEmpty() ? "" : ", " + rejected.size() + " ruled out");
            confidence = Math.min(1, 0.5 + margin * 5);
        }
        return new Decision(id, version, cands, rejected, reason, confidence, null);
    }

    private String unfit(ModelInfo m, RoutingInput in, double usd, int out) {
        String why = Constraints.unfit(m, in.signals());
        if (why != null) return why;
        if (!in.caller().allows(m.id())) return "not allowed for this key";
        Double left = in.caller().budgetLeftUsd();
        if (left != null && usd > left) return String.format(Locale.ROOT, "expected cost $%.5f over the key's remaining budget $%.5f", usd, left);
        int sla = in.caller().latencySlaMs();
        if (sla > 0) {
            Speed sp = speeds.get(m.tier());
            long expected = sp.ttftMs() + Math.round(out * 1000.0 / sp.tokensPerSecond());
            if (expected > sla) return "expected latency " + expected + " ms over the SLA of " + sla + " ms";
        }
        boolean available = false;
        for (Deployment d : fleet.deployments(m.id())) {
            if (in.availability().available(d.id(), estimatedInput(in.signals()) + out)) {
                available = true;
                break;
            }
        }
        if (!available) return "no deployment available (circuit open or at its rate limit)";
        return null;
    }

    /** Output tokens to price: the request's max_tokens, else by the size the prompt asks for. */
    int expectedOutput(Signals s) {
        if (s.maxOutputTokens() > 0) return Math.min(s.maxOutputTokens(), defaultOutputTokens * 4);
        OutputSize size = s.outputSize();
        return switch (size) {
            case SHORT -> Math.max(16, defaultOutputTokens / 8);
            case MEDIUM -> defaultOutputTokens;
            case LONG -> defaultOutputTokens * 4;
            case UNSPECIFIED -> defaultOutputTokens;
        };
    }

    private static int estimatedInput(Signals s) {
        return Math.max(1, s.contextBytes() / 4);
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
