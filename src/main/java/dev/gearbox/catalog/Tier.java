package dev.gearbox.catalog;

/** Capability and price band of a model, from most to least capable. */
public enum Tier {
    FRONTIER, MID, EFFICIENT;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Tier parse(String s) {
        return s == null ? null : switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "frontier" -> FRONTIER;
            case "mid" -> MID;
            case "efficient" -> EFFICIENT;
            default -> null;
        };
    }
}
