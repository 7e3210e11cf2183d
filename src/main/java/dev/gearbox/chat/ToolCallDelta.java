package dev.gearbox.chat;

/**
 * A piece of a streamed tool call. The first delta of a call carries {@code id} and {@code name};
 * later ones only {@code index} and a fragment of the arguments' JSON text.
 */
public record ToolCallDelta(int index, String id, String name, String argumentsDelta) {}
