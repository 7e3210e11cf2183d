package dev.gearbox.policy;

import dev.gearbox.catalog.Fleet;
import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.catalog.Tier;
import dev.gearbox.config.PolicyConfig;
import dev.gearbox.config.RoutingConfig;
import dev.gearbox.error.GatewayError;
import dev.gearbox.pipeline.AttemptRecord;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The policy stage: turns the model a client asked for into a {@link Decision}. {@code auto} runs
 * the default policy; a policy's name runs that policy; an alias or a served model goes straight
 * there. Every decision then passes {@link Constraints}. {@link #routeAsync} is the path ingress
 * uses: pure policies decide at once on the calling thread; one that needs slow work (an embedding,
 * a judge's label) gets it done off the event loop by {@link SlowWork} and decides again.
 */
public final class Router {
    public static final String AUTO = "auto";
    static final String VERSION = "1";
    /** Rounds of slow work one decision may ask for before it is treated as a bug (a policy that never settles). */
    static final int MAX_PREPARE_ROUNDS = 8;

    private final Fleet fleet;
    private final Map<String, Policy> policies;
    private final Policy autoPolicy;
    private final SlowWork work;

    private final Availability availability;

    private Router(Fleet fleet, Map<String, Policy> policies, Policy autoPolicy, SlowWork work, Availability availability) {
        this.availability = availability;
        this.fleet = fleet;
        this.policies = policies;
        this.autoPolicy = autoPolicy;
        this.work = work;
    }

    /** A router with no slow services: policies that need embeddings or a judge fail on use. */
    public static Router build(Fleet fleet, RoutingConfig routing, PolicyRegistry registry) {
        return build(fleet, routing, registry, SlowWork.NONE);
    }

    public static Router build(Fleet fleet, RoutingConfig routing, PolicyRegistry registry, SlowWork work) {
        return build(fleet, routing, registry, work, Availability.ALL);
    }

    /** With the dispatch stage's view of deployment health and capacity, which policies consult. */
    public static Router build(Fleet fleet, RoutingConfig routing, PolicyRegistry registry, SlowWork work,
                               Availability availability) {
        Map<String, Policy> built = new HashMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (PolicyConfig p : routing.policies()) names.add(p.name());
        PolicySetup setup = new PolicySetup(fleet, Set.copyOf(names), name -> {
            Policy p = built.get(name);
            if (p == null) throw new GatewayError.Internal("policy " + name + " is not built");
            return p;
        });
        for (PolicyConfig p : routing.policies()) built.put(p.name(), registry.create(p, setup));
        Policy auto = routing.defaultPolicy() == null ? new CheapestOfTier(fleet) : built.get(routing.defaultPolicy());
        return new Router(fleet, Map.copyOf(built), auto, work, availability);
    }

    public Fleet fleet() {
        return fleet;
    }

    /** Names a client may put in {@code model}: auto, policies, aliases and served models. */
    public List<String> routableNames() {
        List<String> out = new ArrayList<>();
        out.add(AUTO);
        out.addAll(policies.keySet());
        out.addAll(fleet.aliases().keySet());
        for (ModelInfo m : fleet.servableModels()) out.add(m.id());
        return out;
    }

    public Map<String, Policy> policies() {
        return policies;
    }

    /**
     * Decides on the calling thread. A policy that needs slow work not yet in {@code in.prepared()}
     * throws {@link Unprepared}; use {@link #routeAsync} for those.
     */
    public Decision route(RoutingInput in) {
        RoutingInput withHealth = in.availability() == Availability.ALL && availability != Availability.ALL
                ? new RoutingInput(in.request(), in.signals(), in.caller(), availability, in.prepared()) : in;
        return Constraints.apply(decide(withHealth), in.signals(), fleet);
    }

    /**
     * Decides without blocking the caller: a policy that needs nothing decides at once (an already
     * completed future); otherwise each need it reports is fulfilled by {@link SlowWork} and the
     * policy asked again with the result. Judge calls report their attempts to {@code billing}.
     */
    public Future<Decision> routeAsync(RoutingInput in, Consumer<AttemptRecord> billing) {
        return routeAsync(in, billing, 0);
    }

    private Future<Decision> routeAsync(RoutingInput in, Consumer<AttemptRecord> billing, int round) {
        try {
            return Future.succeededFuture(route(in));
        } catch (Unprepared u) {
            if (round >= MAX_PREPARE_ROUNDS) {
                return Future.failedFuture(new GatewayError.Internal("routing asked for slow work more than "
                        + MAX_PREPARE_ROUNDS + " times (last: " + u.need().describe() + ")"));
            }
            return prepare(u.need(), in, billing).compose(p -> routeAsync(in.withPrepared(p), billing, round + 1));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private <T> Future<Prepared> prepare(Need<T> need, RoutingInput in, Consumer<AttemptRecord> billing) {
        Future<T> f;
        try {
            f = need.fulfil(in, work, billing);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return f.map(result -> in.prepared().with(need, result));
    }

    private Decision decide(RoutingInput in) {
        String asked = in.request().model();
        if (AUTO.equals(asked)) return autoPolicy.decide(in);
        Policy named = policies.get(asked);
        if (named != null) return named.decide(in);
        String aliased = fleet.alias(asked);
        if (aliased != null) {
            if (AUTO.equals(aliased)) return autoPolicy.decide(in);
            Policy p = policies.get(aliased);
            if (p != null) return p.decide(in);
            return direct("alias", aliased, "alias " + asked + " -> " + aliased);
        }
        String model = fleet.catalog().find(asked).map(ModelInfo::id).orElse(null);
        if (model != null && fleet.servable(model)) return direct("explicit", model, "client asked for " + asked);
        throw new GatewayError.ModelNotFound(asked, closeMatches(asked));
    }

    private static Decision direct(String policy, String model, String reason) {
        return new Decision(policy, VERSION, List.of(new Candidate(model, 1.0, "requested")), List.of(), reason, 1.0, null);
    }

    private List<String> closeMatches(String asked) {
        List<String> names = routableNames();
        List<String> scored = new ArrayList<>(names);
        String a = asked.toLowerCase();
        scored.sort((x, y) -> Integer.compare(distance(a, x.toLowerCase()), distance(a, y.toLowerCase())));
        List<String> out = new ArrayList<>(3);
        for (String s : scored) {
            int d = distance(a, s.toLowerCase());
            if (d <= Math.max(2, a.length() / 3) || s.toLowerCase().startsWith(a) || a.startsWith(s.toLowerCase())) out.add(s);
            if (out.size() == 3) break;
        }
        return out;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The built-in policy for {@code auto} when none is configured: the mid tier, cheapest first, then the rest. */
    static final class CheapestOfTier implements Policy {
        private final Fleet fleet;

        CheapestOfTier(Fleet fleet) {
            this.fleet = fleet;
        }

        @Override public String id() { return "builtin-mid"; }
        @Override public String version() { return VERSION; }

        @Override
        public Decision decide(RoutingInput input) {
            List<Candidate> c = new ArrayList<>();
            for (ModelInfo m : fleet.servableInTier(Tier.MID)) c.add(new Candidate(m.id(), 1.0, "mid tier"));
            for (ModelInfo m : fleet.servableModels()) {
                if (m.tier() != Tier.MID) c.add(new Candidate(m.id(), 0.5, "fallback"));
            }
            return new Decision(id(), VERSION, c, List.of(), "no routing policy configured: mid tier, cheapest first", 1.0, null);
        }
    }
}
