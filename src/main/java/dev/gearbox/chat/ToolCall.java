package dev.gearbox.chat;

/** A function call the model asked for; {@code arguments} is the JSON text as the model wrote it. */
public record ToolCall(String id, String name, String arguments) {}
