package dev.gearbox.eval;

import dev.gearbox.embed.EmbeddingModel;
import dev.gearbox.embed.TokenLimit;
import dev.gearbox.policy.SemanticPolicyFactory;
import java.util.List;

/**
 * What a policy may look at when it is built for an evaluation: the routeset it will be scored
 * on (to know the models and scale, never to peek at its scores unless it is an oracle), the
 * training routesets given with {@code --train}, the seed, and the token limit semantic policies
 * embed prompts with ({@code --max-tokens}/{@code --keep}) and their embedder ({@code --embedder}),
 * by default the gateway's defaults.
 */
public record PolicyContext(Routeset data, List<Routeset> train, long seed, TokenLimit semanticLimit, EmbeddingModel semanticEmbedder) {
    public PolicyContext {
        train = List.copyOf(train);
    }

    public PolicyContext(Routeset data, List<Routeset> train, long seed) {
        this(data, train, seed, SemanticPolicyFactory.DEFAULT_LIMIT, SemanticPolicyFactory.DEFAULT_EMBEDDER);
    }
}
