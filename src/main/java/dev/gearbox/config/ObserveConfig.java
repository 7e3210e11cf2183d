package dev.gearbox.config;

import java.util.List;
import java.util.Map;

/**
 * Observe-first rollout ({@code observe:}): whether routing decisions are executed ({@code route})
 * or only recorded while every request goes to the model the client asked for ({@code observe});
 * per-route overrides; shadow policies evaluated beside the active one; and shadow tests that send
 * a sample of requests to another model off the response path and compare the answers.
 *
 * @param mode           the default mode, or null for "observe when a real provider is configured, else route"
 * @param routes         mode per route (policy name)
 * @param shadowPolicies policies whose decisions are recorded but never executed
 * @param shadowTests    the shadow-test settings, or null for none
 * @param alertWebhook   a URL drift alerts are POSTed to as JSON, or null
 */
public record ObserveConfig(String mode, Map<String, String> routes, List<String> shadowPolicies, ShadowTests shadowTests,
                            String alertWebhook) {
    public static final ObserveConfig DEFAULTS = new ObserveConfig(null, Map.of(), List.of(), null, null);
    public static final String OBSERVE = "observe";
    public static final String ROUTE = "route";

    public ObserveConfig {
        routes = Map.copyOf(routes);
        shadowPolicies = List.copyOf(shadowPolicies);
    }

    /**
     * @param sample      share of requests (0..1) also sent to {@code compareWith}
     * @param compareWith a model; {@code next-tier-up} (quality sampling: the served answer judged against the next
     *                    tier's); or {@code would-route} (observe mode: the policy's choice judged against the served answer)
     * @param evaluators  json, exact, similarity, judge
     * @param judgeModel  the judge's model (for {@code judge})
     * @param rubric      what the judge grades against
     * @param judgeMode   graded (1-10 against the reference) or pairwise (which of the two is better)
     */
    public record ShadowTests(double sample, String compareWith, List<String> evaluators, String judgeModel, String rubric,
                              String judgeMode) {
        public static final String GRADED = "graded";
        public static final String PAIRWISE = "pairwise";

        public static final String NEXT_TIER_UP = "next-tier-up";
        /** In observe mode: the model the policy would have chosen, judged against the answer that was served. */
        public static final String WOULD_ROUTE = "would-route";

        public ShadowTests {
            evaluators = List.copyOf(evaluators);
        }
    }
}
