package dev.gearbox.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.catalog.Fleet;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.embed.Embedder;
import dev.gearbox.embed.TokenLimit;
import dev.gearbox.learn.LearnedRouter;
import dev.gearbox.learn.Neighbours;
import dev.gearbox.learn.PromptFeatures;
import dev.gearbox.learn.RouterFile;
import dev.gearbox.pipeline.AttemptRecord;
import dev.gearbox.pipeline.Caller;
import dev.gearbox.signals.SignalExtractor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Router.routeAsync: pure policies decide at once; a semantic policy gets its embedding from SlowWork, once. */
class RouterAsyncTest {
    /** A SlowWork that completes embeddings only when the test says so, recording what was asked. */
    static final class HeldWork implements SlowWork {
        final List<String> embedded = new ArrayList<>();
        final List<Promise<float[]>> pending = new ArrayList<>();

        @Override
        public Future<float[]> embed(String text, TokenLimit limit, dev.gearbox.embed.EmbeddingModel model) {
            embedded.add(text);
            Promise<float[]> p = Promise.promise();
            pending.add(p);
            return p.future();
        }

        @Override
        public Future<ChatResponse> ask(String model, ChatRequest request, Duration timeout, Consumer<AttemptRecord> billing) {
            return Future.failedFuture(new IllegalStateException("no judge here"));
        }

        /** Computations wait here until the test runs them, as a busy worker pool would make them. */
        final List<Runnable> computations = new ArrayList<>();

        @Override
        public <T> Future<T> compute(java.util.concurrent.Callable<T> task) {
            Promise<T> p = Promise.promise();
            computations.add(() -> {
                try {
                    p.complete(task.call());
                } catch (Exception e) {
                    p.fail(e);
                }
            });
            return p.future();
        }
    }

    static final String YAML = """
            providers:
              - {name: sim, kind: simulated}
            deployments:
              - {model: demo-frontier, provider: sim}
              - {model: demo-mid, provider: sim}
              - {model: demo-efficient, provider: sim}
            routing:
              default: front
              policies:
                - name: front
                  type: rules
                  rules:
                    - {name: by-topic, when: {tag: topical}, policy: topics}
                  default: {model: demo-mid}
                - name: topics
                  type: semantic
                  routes:
                    - {name: code, utterances: ["fix my python bug", "write a java function"], tier: frontier}
                  fallback: {model: demo-efficient}
            """;

    final HeldWork work = new HeldWork();
    final Router router;

    RouterAsyncTest() {
        GearboxConfig cfg = ConfigLoader.parse(YAML, "gearbox.yaml", k -> null, Set.of("simulated"));
        router = Router.build(new Fleet(cfg.catalog(), cfg.deployments(), cfg.aliases()), cfg.routing(),
                new PolicyRegistry().register("rules", new RulesPolicyFactory())
                        .register("semantic", new SemanticPolicyFactory(dev.gearbox.embed.EmbeddingModel::shared)), work);
    }

    RoutingInput input(String text, String tag) {
        ChatRequest req = ChatRequest.of("auto", List.of(Message.text(Role.USER, text)));
        return new RoutingInput(req, new SignalExtractor().extract(req), new Caller("k", tag, null, Map.of()));
    }

    @Test
    void aPurePathDecidesAtOnceWithoutSlowWork() {
        Future<Decision> d = router.routeAsync(input("my python code has a bug", null), a -> {});
        assertThat(d.isComplete()).isTrue();
        assertThat(d.result().primary()).isEqualTo("demo-mid");
        assertThat(work.embedded).isEmpty();
    }

    @Test
    void aDelegatedSemanticPolicyWaitsForItsEmbeddingThenDecides() {
        Future<Decision> d = router.routeAsync(input("my python code has a bug", "topical"), a -> {});
        assertThat(d.isComplete()).as("waits for the embedding").isFalse();
        assertThat(work.embedded).containsExactly("my python code has a bug");
        work.pending.get(0).complete(Embedder.shared().embed("my python code has a bug"));
        assertThat(d.isComplete()).isTrue();
        assertThat(d.result().primary()).isEqualTo("demo-frontier");
        assertThat(d.result().policyId()).isEqualTo("front>topics");
        assertThat(work.embedded).hasSize(1);
    }

    /** A config routing everything through a learned policy over {@code routerLine} (empty: the shipped router). */
    Router learnedRouter(String routerLine) {
        GearboxConfig cfg = ConfigLoader.parse(YAML.replace("default: front", "default: learned") + """
                    - name: learned
                      type: learned
                      strong: {model: demo-frontier}
                      weak: {model: demo-efficient}
                      threshold: -1000
                """ + routerLine, "gearbox.yaml", k -> null, Set.of("simulated"));
        return Router.build(new Fleet(cfg.catalog(), cfg.deployments(), cfg.aliases()), cfg.routing(),
                new PolicyRegistry().register("rules", new RulesPolicyFactory()).register("learned", new LearnedPolicyFactory())
                        .register("semantic", new SemanticPolicyFactory(dev.gearbox.embed.EmbeddingModel::shared)), work);
    }

    @Test
    void aLearnedPolicyGetsItsScoreFromTheWorkersAfterTheEmbedding(@TempDir Path dir) throws Exception {
        // a router that reads the embedding: all its weight on the neighbours' gain
        int n = 1 + PromptFeatures.NAMES.length;
        double[] sd = new double[n];
        java.util.Arrays.fill(sd, 1);
        double[] weights = new double[n];
        weights[0] = 1;
        Neighbours bank = new Neighbours(new float[][] {Embedder.shared().embed("prove a theorem"), Embedder.shared().embed("say hello")},
                new float[] {1, 0}, 2, 1);
        Path file = dir.resolve("neighbours.router.json");
        RouterFile.write(new LearnedRouter(bank, new double[n], sd, weights, 0, 1, 0, List.of(new LearnedRouter.Point(0, 0.5, 0.9)), null), file);
        Router learned = learnedRouter("      router: " + file + "\n");
        String prompt = "Prove that there are infinitely many primes, then explain the proof to a ten-year-old";
        Future<Decision> d = learned.routeAsync(input(prompt, null), a -> {});
        assertThat(work.embedded).containsExactly(prompt);
        work.pending.get(0).complete(Embedder.shared().embed(prompt));
        assertThat(d.isComplete()).as("the router's score is computed on a worker, not in decide").isFalse();
        assertThat(work.computations).hasSize(1);
        work.computations.get(0).run();
        assertThat(d.isComplete()).isTrue();
        assertThat(d.result().reason()).startsWith("learned score").contains(">= threshold -1000.0000");
        assertThat(d.result().primary()).isEqualTo("demo-frontier");
        assertThat(learned.policies().get("learned").needs()).hasSize(1).allMatch(x -> x.describe().equals("learned-score"));
    }

    @Test
    void theShippedRouterScoresOnTheWorkersWithoutEmbeddingThePrompt() {
        assertThat(RouterFile.shipped().readsEmbedding()).as("the shipped recipe is prompt length alone").isFalse();
        Router learned = learnedRouter("");
        String prompt = "Prove that there are infinitely many primes, then explain the proof to a ten-year-old";
        Future<Decision> d = learned.routeAsync(input(prompt, null), a -> {});
        assertThat(d.isComplete()).as("the score is computed on a worker, not in decide").isFalse();
        assertThat(work.computations).hasSize(1);
        work.computations.get(0).run();
        assertThat(d.isComplete()).isTrue();
        assertThat(work.embedded).as("no embedding asked for").isEmpty();
        assertThat(d.result().reason()).startsWith("learned score").contains(">= threshold -1000.0000");
        assertThat(d.result().primary()).isEqualTo("demo-frontier");
    }

    @Test
    void theSynchronousPathNamesTheMissingWork() {
        assertThatThrownBy(() -> router.route(input("hello", "topical")))
                .isInstanceOf(Unprepared.class).hasMessageContaining("prompt-embedding").hasMessageContaining("routeAsync");
        PromptEmbedding need = PromptEmbedding.of(SemanticPolicyFactory.DEFAULT_LIMIT, SemanticPolicyFactory.DEFAULT_EMBEDDER);
        assertThat(need).isNotEqualTo(PromptEmbedding.NEED);
        assertThat(router.policies().get("topics").needs()).containsExactly(need);
        assertThat(router.policies().get("front").needs()).as("through its delegate").containsExactly(need);
    }

    @Test
    void aFailedEmbeddingFailsTheDecision() {
        Future<Decision> d = router.routeAsync(input("hello", "topical"), a -> {});
        work.pending.get(0).fail(new IllegalStateException("onnx exploded"));
        assertThat(d.failed()).isTrue();
        assertThat(d.cause()).hasMessage("onnx exploded");
    }
}
