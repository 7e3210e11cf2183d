package dev.gearbox.eval;

import dev.gearbox.chat.ChatResponse;
import dev.gearbox.config.Deployment;
import dev.gearbox.config.ProviderConfig;
import dev.gearbox.policy.JudgeNeed;
import dev.gearbox.policy.Judgement;
import dev.gearbox.policy.PromptEmbedding;
import dev.gearbox.providers.simulated.SimulatedAdapter;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The judge policy offline: the gateway's judge request and answer reading ({@link JudgeNeed}),
 * sent to an in-process simulated judge model through the normal provider adapter. p_strong is the
 * label (SIMPLE 0, MODERATE 1, COMPLEX 2); no label (timeout, unusable) scores 1, the fallback's
 * middle ground. A simulated judge's labels are a deterministic hash of the prompt, not a judgement:
 * this measures the judge path (request shape, parsing, fallbacks), and its APGR should sit at the
 * random baseline. Scoring a real judge needs a real model, i.e. the gateway with a key.
 */
final class JudgeEval {
    /** The eval's judge model (a simulated deployment, no network). */
    static final String JUDGE_MODEL = "demo-efficient";
    static final Duration TIMEOUT = Duration.ofMillis(400);
    /** Middle score for prompts the judge could not label (the gateway falls back to another policy). */
    static final double NO_LABEL = 1.0;
    private static volatile Vertx vertx;

    private JudgeEval() {}

    static EvalPolicy create(PolicyContext ctx) {
        ProviderConfig sim = new ProviderConfig("eval-judge", "simulated", null, null, null,
                Map.of("ttft_ms", 0, "tokens_per_second", 1_000_000, "seed", ctx.seed()));
        SimulatedAdapter adapter = new SimulatedAdapter(vertx(), sim);
        Deployment judge = Deployment.of(JUDGE_MODEL, sim);
        JudgeNeed need = new JudgeNeed("judge", JUDGE_MODEL, TIMEOUT, dev.gearbox.policy.JudgePolicyFactory.DEFAULT_MAX_OUTPUT_TOKENS);
        return EvalPolicy.ofTwoModel(item -> {
            Judgement j;
            try {
                ChatResponse r = adapter.chat(judge, need.request(PromptEmbedding.text(SemanticEval.chat(item))))
                        .toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                j = JudgeNeed.read(r);
            } catch (Exception e) {
                j = new Judgement.NoLabel(Judgement.Failure.TIMEOUT, String.valueOf(e.getMessage()));
            }
            return j instanceof Judgement.Label l ? l.level().ordinal() : NO_LABEL;
        });
    }

    private static Vertx vertx() {
        if (vertx == null) {
            synchronized (JudgeEval.class) {
                if (vertx == null) vertx = Vertx.vertx();
            }
        }
        return vertx;
    }
}
