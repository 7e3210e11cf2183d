package dev.gearbox.policy;

import dev.gearbox.catalog.Fleet;
import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.catalog.Tier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Where a rule sends a request: one model, the cheapest servable models of a tier, or another
 * policy; optionally followed by explicit fallback models.
 */
sealed interface Target {
    List<String> fallbacks();

    /** The models this target names, in order, without delegation. */
    List<String> models(Fleet fleet);

    String describe();

    record Model(String model, List<String> fallbacks) implements Target {
        public List<String> models(Fleet fleet) {
            List<String> out = new ArrayList<>(1 + fallbacks.size());
            out.add(model);
            out.addAll(fallbacks);
            return dedupe(out);
        }

        public String describe() {
            return "model " + model;
        }
    }

    record OfTier(Tier tier, List<String> fallbacks) implements Target {
        public List<String> models(Fleet fleet) {
            List<String> out = new ArrayList<>();
            for (ModelInfo m : fleet.servableInTier(tier)) out.add(m.id());
            out.addAll(fallbacks);
            return dedupe(out);
        }

        public String describe() {
            return "tier " + tier.wire();
        }
    }

    record Delegate(String policy, List<String> fallbacks) implements Target {
        public List<String> models(Fleet fleet) {
            return fallbacks;
        }

        public String describe() {
            return "policy " + policy;
        }
    }

    /** The list without repeats, first occurrence kept (lists are a handful of models: no hashing, no copy when none repeat). */
    private static List<String> dedupe(List<String> in) {
        for (int i = 1; i < in.size(); i++) {
            if (in.subList(0, i).contains(in.get(i))) return List.copyOf(new LinkedHashSet<>(in));
        }
        return java.util.Collections.unmodifiableList(in);
    }
}
