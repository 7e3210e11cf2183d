package dev.gearbox.catalog;

import java.util.List;

/**
 * One model as the catalog knows it: who makes it, what it costs, how much it takes and gives,
 * what it can do, and which tier it belongs to.
 */
public record ModelInfo(String id, String vendor, Tier tier, Price price, int contextWindow, int maxOutput,
                        Capabilities capabilities, List<String> aliases) {
    public ModelInfo {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }
}
