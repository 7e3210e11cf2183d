package dev.gearbox.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gearbox.catalog.Fleet;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.Usage;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.config.RoutingConfig;
import dev.gearbox.embed.Embedder;
import dev.gearbox.ledger.LedgerStore;
import dev.gearbox.pipeline.Caller;
import dev.gearbox.policy.Decision;
import dev.gearbox.policy.Prepared;
import dev.gearbox.policy.PromptEmbedding;
import dev.gearbox.policy.Router;
import dev.gearbox.policy.RoutingInput;
import dev.gearbox.policy.Unprepared;
import dev.gearbox.signals.SignalExtractor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gearbox replay --policy FILE}: runs the requests the ledger logged (their prompt text,
 * where {@code ledger.redact: full} kept it) through another routing policy offline, and reports
 * how often it decides differently and what the same requests would have cost under it, from
 * their real token counts: a policy change reviewed like a code change before it goes live.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay logged requests through a new routing policy: divergence and projected cost delta.")
final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--policy", required = true, paramLabel = "FILE.yaml", description = "A YAML file with a routing: section; its default policy is replayed.")
    Path policy;

    @Option(names = "--config", paramLabel = "gearbox.yaml", description = "The gateway's config (fleet, prices and ledger). Default: the demo's.")
    Path config;

    @Option(names = "--since", defaultValue = "7d", description = "How far back (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        GearboxConfig cfg = config == null
                ? ConfigLoader.parse(DemoConfig.yaml(System::getenv), DemoConfig.FILE, System::getenv, Gateway.providerKinds())
                : ConfigLoader.load(config, System::getenv, Gateway.providerKinds());
        if (cfg.ledger().store().equals("memory")) {
            spec.commandLine().getErr().println("gearbox replay: this config keeps its ledger in memory; nothing to replay");
            return 2;
        }
        RoutingConfig routing = ConfigLoader.routingFile(policy, cfg.catalog(), System::getenv);
        Fleet fleet = new Fleet(cfg.catalog(), cfg.deployments(), cfg.aliases());
        Router router = Router.build(fleet, routing, Registries.policies());
        SignalExtractor signals = new SignalExtractor();
        long from = System.currentTimeMillis() - dev.gearbox.report.Window.parse(since).millis();
        int total = 0, replayed = 0, noText = 0, diverged = 0, failed = 0;
        double logged = 0, projected = 0;
        Map<String, Integer> moves = new TreeMap<>();
        try (LedgerStore store = LedgerStore.open(cfg.ledger());
             Connection c = store.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT served_model, input_tokens, cached_input_tokens, output_tokens, "
                     + "reasoning_tokens, cost_usd, key_id, tag, caller_tier, detail FROM requests WHERE ts >= ? AND status = 200")) {
            ps.setLong(1, from);
            try (ResultSet rs = ps.executeQuery()) {
                ObjectMapper json = new ObjectMapper();
                while (rs.next()) {
                    total++;
                    JsonNode detail = json.readTree(rs.getString(10));
                    String prompt = detail.path("prompt").asText(null);
                    if (prompt == null || prompt.startsWith("sha256:")) {
                        noText++;
                        continue;
                    }
                    String text = lastUserTurn(prompt);
                    ChatRequest req = ChatRequest.of(Router.AUTO, java.util.List.of(Message.text(Role.USER, text)));
                    Caller caller = new Caller(rs.getString(7), rs.getString(8), rs.getString(9), Map.of());
                    RoutingInput in = new RoutingInput(req, signals.extract(req, caller), caller);
                    Decision d;
                    try {
                        d = routeEmbedding(router, in);
                    } catch (RuntimeException e) {
                        failed++;
                        continue;
                    }
                    replayed++;
                    String served = rs.getString(1);
                    Usage u = new Usage(rs.getInt(2), rs.getInt(4), rs.getInt(3), 0, rs.getInt(5));
                    double cost = rs.getDouble(6);
                    logged += cost;
                    projected += cfg.catalog().find(d.primary()).map(m -> m.price().cost(u)).orElse(cost);
                    if (!d.primary().equals(served)) {
                        diverged++;
                        moves.merge(served + " -> " + d.primary(), 1, Integer::sum);
                    }
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("policy", routing.defaultPolicy());
            o.put("logged_requests", total);
            o.put("replayed", replayed);
            o.put("skipped_without_text", noText);
            o.put("failed", failed);
            o.put("diverged", diverged);
            o.put("divergence", replayed == 0 ? 0 : (double) diverged / replayed);
            o.put("logged_cost_usd", logged);
            o.put("projected_cost_usd", projected);
            o.put("cost_delta_usd", projected - logged);
            o.put("moves", moves);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o));
        } else {
            out.printf(Locale.ROOT, "Replay of policy %s (%s) over the last %s%n", routing.defaultPolicy(), policy, since);
            out.printf(Locale.ROOT, "Logged requests: %d; replayed: %d; skipped (no prompt text kept; set ledger.redact: full): %d; failed: %d%n",
                    total, replayed, noText, failed);
            out.printf(Locale.ROOT, "Decided differently: %d (%.1f%%)%n", diverged, replayed == 0 ? 0 : 100.0 * diverged / replayed);
            for (Map.Entry<String, Integer> m : moves.entrySet()) out.printf(Locale.ROOT, "  %-48s %6d%n", m.getKey(), m.getValue());
            out.printf(Locale.ROOT, "Cost of the replayed requests: logged $%.6f, under the new policy $%.6f (delta %+.6f, %+.1f%%)%n",
                    logged, projected, projected - logged, logged == 0 ? 0 : 100 * (projected - logged) / logged);
        }
        out.flush();
        return 0;
    }

    /** The ledger keeps the prompt as "role: text" lines; the routed text is the last user turn. */
    static String lastUserTurn(String prompt) {
        String last = prompt;
        int i = prompt.lastIndexOf("\nuser: ");
        if (prompt.startsWith("user: ") && i < 0) last = prompt.substring(6);
        else if (i >= 0) last = prompt.substring(i + 7);
        int next = last.indexOf("\nassistant: ");
        if (next >= 0) last = last.substring(0, next);
        return last.strip();
    }

    /** Routes {@code in}, embedding the prompt for each prompt embedding a policy needs (one per token limit); other needs fail. */
    private static Decision routeEmbedding(Router router, RoutingInput in) {
        Prepared prepared = Prepared.NONE;
        while (true) {
            try {
                return router.route(in.withPrepared(prepared));
            } catch (Unprepared u) {
                if (!(u.need() instanceof PromptEmbedding pe) || prepared.has(pe)) throw u;
                prepared = prepared.with(pe, pe.model().shared().embed(PromptEmbedding.text(in.request(), pe.limit()), pe.limit()));
            }
        }
    }
}
