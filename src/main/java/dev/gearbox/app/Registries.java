package dev.gearbox.app;

import dev.gearbox.policy.PolicyRegistry;
import dev.gearbox.embed.Embedder;
import dev.gearbox.policy.CascadePolicyFactory;
import dev.gearbox.policy.JudgePolicyFactory;
import dev.gearbox.policy.RulesPolicyFactory;
import dev.gearbox.policy.SemanticPolicyFactory;
import dev.gearbox.providers.ProviderRegistry;
import dev.gearbox.providers.anthropic.AnthropicProtocol;
import dev.gearbox.providers.gemini.GeminiProtocol;
import dev.gearbox.providers.openai.OpenAiProtocol;
import dev.gearbox.providers.replay.ReplayAdapter;
import dev.gearbox.providers.simulated.SimulatedAdapter;

/** The one place provider kinds and policy types are registered, by explicit name. */
final class Registries {
    private Registries() {}

    static ProviderRegistry providers() {
        return new ProviderRegistry()
                .register("openai", (p, vertx, client) -> OpenAiProtocol.adapter(client, p))
                .register("anthropic", (p, vertx, client) -> AnthropicProtocol.adapter(client, p))
                .register("gemini", (p, vertx, client) -> GeminiProtocol.adapter(client, p))
                .register("simulated", (p, vertx, client) -> new SimulatedAdapter(vertx, p))
                .register("replay", (p, vertx, client) -> new ReplayAdapter(vertx, p));
    }

    static PolicyRegistry policies() {
        return new PolicyRegistry()
                .register(RulesPolicyFactory.TYPE, new RulesPolicyFactory())
                .register(dev.gearbox.policy.HeuristicPolicyFactory.TYPE, new dev.gearbox.policy.HeuristicPolicyFactory())
                .register(dev.gearbox.policy.CostAwarePolicyFactory.TYPE, new dev.gearbox.policy.CostAwarePolicyFactory())
                .register(SemanticPolicyFactory.TYPE, new SemanticPolicyFactory(dev.gearbox.embed.EmbeddingModel::shared))
                .register(JudgePolicyFactory.TYPE, new JudgePolicyFactory())
                .register(CascadePolicyFactory.TYPE, new CascadePolicyFactory())
                .register(dev.gearbox.policy.LearnedPolicyFactory.TYPE, new dev.gearbox.policy.LearnedPolicyFactory());
    }
}
