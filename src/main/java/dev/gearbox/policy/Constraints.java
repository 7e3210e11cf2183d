package dev.gearbox.policy;

import dev.gearbox.catalog.Capabilities;
import dev.gearbox.catalog.Fleet;
import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.error.GatewayError;
import dev.gearbox.signals.Signals;
import java.util.ArrayList;
import java.util.List;

/**
 * Hard limits every decision must respect, applied after any policy: a candidate whose context
 * window cannot hold the request, or that lacks tools, vision or JSON support the request needs,
 * is moved to the rejected list with the reason. Nothing left means no route.
 */
public final class Constraints {
    private Constraints() {}

    public static Decision apply(Decision d, Signals s, Fleet fleet) {
        List<Candidate> kept = new ArrayList<>(d.candidates().size());
        List<Rejection> rejected = new ArrayList<>(d.rejected());
        for (Candidate c : d.candidates()) {
            String why = unfit(fleet.info(c.model()), s);
            if (why == null) kept.add(c);
            else rejected.add(new Rejection(c.model(), why));
        }
        if (kept.isEmpty()) {
            StringBuilder sb = new StringBuilder("No model can serve this request:");
            for (Rejection r : rejected) sb.append(' ').append(r.model()).append(" (").append(r.why()).append(");");
            throw new GatewayError.NoRoute(sb.toString());
        }
        if (kept.size() == d.candidates().size()) return d;
        return new Decision(d.policyId(), d.policyVersion(), kept, rejected, d.reason(), d.confidence(), d.threshold(), d.escalation());
    }

    /** Why {@code m} cannot serve a request with these signals, or null when it can. */
    public static String unfit(ModelInfo m, Signals s) {
        Capabilities caps = m.capabilities();
        if (caps.embeddings()) return "an embedding model (use /v1/embeddings)";
        if (s.toolsRequested() && !caps.tools()) return "no tool support";
        if (s.hasImages() && !caps.vision()) return "no image input";
        if (s.wantsJson() && !caps.jsonMode() && !caps.jsonSchema()) return "no JSON mode";
        long out = Math.min(s.maxOutputTokens(), m.maxOutput());
        // UTF-8 bytes bound the token count from above: only a prompt that might not fit is counted.
        if ((long) s.contextBytes() + 16L * s.messages() + out <= m.contextWindow()) return null;
        long needed = (long) TokenizerNeed.inputTokens(s) + out;
        if (needed > m.contextWindow()) {
            return "context window " + m.contextWindow() + " < " + needed + " tokens needed";
        }
        return null;
    }
}
