package dev.gearbox.chat;

/** Who speaks a message; the union of the roles the supported wire formats know. */
public enum Role {
    SYSTEM, DEVELOPER, USER, ASSISTANT, TOOL;

    private final String wire = name().toLowerCase(java.util.Locale.ROOT);

    /** The OpenAI wire name of this role. */
    public String wire() {
        return wire;
    }

    /** Parses an OpenAI role name; returns null for an unknown one so the caller can name the field. */
    public static Role fromWire(String s) {
        if (s == null) return null;
        return switch (s) {
            case "system" -> SYSTEM;
            case "developer" -> DEVELOPER;
            case "user" -> USER;
            case "assistant" -> ASSISTANT;
            case "tool", "function" -> TOOL;
            default -> null;
        };
    }
}
