package dev.gearbox.catalog;

/** Capability and price band of a model, from most to least capable. */
public enum Tier {
    FRONTIER, MID, EFFICIENT;

    private final String wire = name().toLowerCase(java.util.Locale.ROOT);

    public String wire() {
        return wire;
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
