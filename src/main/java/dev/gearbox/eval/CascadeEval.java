package dev.gearbox.eval;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.Choice;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.Usage;
import dev.gearbox.dispatch.AnswerChecks;
import dev.gearbox.policy.CascadePolicyFactory;
import dev.gearbox.policy.Escalation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The cascade offline, on routesets that recorded each model's answer: the gateway's answer checks
 * ({@link AnswerChecks}, default checks) run on the cheaper model's recorded answer, and a failed
 * check escalates. Two-model sets: p_strong is 1 for an escalated prompt, else 0, so the curve has
 * one operating point (the cascade's) between all-weak and all-strong. Multi-model sets: the models
 * with recorded answers, cheapest first; the first whose answer passes serves (lambda plays no part).
 * What this cannot see: recorded answers carry no finish reason, tool calls or JSON mode, so only
 * the refusal and empty checks can fire; and the curve prices an escalated prompt at the strong
 * model alone, not cheap plus strong as the gateway bills it.
 */
final class CascadeEval {
    static final Escalation PLAN = new Escalation("cascade", CascadePolicyFactory.DEFAULT_CHECKS,
            CascadePolicyFactory.DEFAULT_MIN_CONFIDENCE);

    private CascadeEval() {}

    static EvalPolicy create(PolicyContext ctx) {
        RoutesetMeta meta = ctx.data().meta();
        if (meta.twoModel()) {
            String weak = meta.weak();
            return EvalPolicy.ofTwoModel(item -> {
                String answer = item.responses().get(weak);
                if (answer == null) {
                    throw new IllegalArgumentException("no recorded answer of " + weak + "; a cascade needs routesets with responses");
                }
                return fails(item, answer) ? 1.0 : 0.0;
            });
        }
        CostTable table = CostTable.of(ctx.data());
        List<String> chain = new ArrayList<>();
        for (String m : table.models()) {
            if (table.items().stream().allMatch(i -> i.responses().containsKey(m))) chain.add(m);
        }
        if (chain.isEmpty()) throw new IllegalArgumentException("no model of " + ctx.data().name() + " has recorded answers for every prompt");
        List<Double> meanCost = new ArrayList<>();
        for (String m : table.models()) {
            int mi = table.modelIndex(m);
            double s = 0;
            for (int i = 0; i < table.size(); i++) s += table.cost(i, mi);
            meanCost.add(s / table.size());
        }
        chain.sort(Comparator.comparingDouble(m -> meanCost.get(table.modelIndex(m))));
        return EvalPolicy.ofMultiModel((item, lambda) -> {
            for (int s = 0; s < chain.size() - 1; s++) {
                if (!fails(item, item.responses().get(chain.get(s)))) return chain.get(s);
            }
            return chain.get(chain.size() - 1);
        });
    }

    static boolean fails(RoutesetItem item, String answer) {
        ChatRequest req = ChatRequest.of("eval", List.of(Message.text(Role.USER, item.prompt())));
        ChatResponse r = new ChatResponse("recorded", "eval", List.of(new Choice(0, Message.text(Role.ASSISTANT, answer),
                FinishReason.STOP)), Usage.ZERO);
        return AnswerChecks.firstFailure(PLAN, req, r) != null;
    }
}
