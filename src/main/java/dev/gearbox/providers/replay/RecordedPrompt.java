package dev.gearbox.providers.replay;

import java.util.Map;

/**
 * One prompt of a routeset file: how well each model did on it and, where recorded, what each model
 * answered. The replay provider answers from {@code responses}; an evaluator scores routing
 * decisions with {@code scores} (scale in the routeset's meta file).
 */
public record RecordedPrompt(String id, String task, String prompt, Map<String, Double> scores,
                             Map<String, String> responses) {
    public RecordedPrompt {
        scores = scores == null ? Map.of() : Map.copyOf(scores);
        responses = responses == null ? Map.of() : Map.copyOf(responses);
    }
}
