package dev.gearbox.chat;

import com.fasterxml.jackson.databind.JsonNode;

/** The requested output shape: free text, any JSON object, or JSON matching a schema. */
public record ResponseFormat(Type type, String schemaName, JsonNode schema, Boolean strict) {
    public enum Type { TEXT, JSON_OBJECT, JSON_SCHEMA }

    public static final ResponseFormat TEXT = new ResponseFormat(Type.TEXT, null, null, null);
    public static final ResponseFormat JSON_OBJECT = new ResponseFormat(Type.JSON_OBJECT, null, null, null);

    public boolean wantsJson() {
        return type != Type.TEXT;
    }
}
