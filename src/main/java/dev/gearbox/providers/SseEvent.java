package dev.gearbox.providers;

/** One server-sent event: its {@code event:} name (null when absent) and its joined {@code data:} lines. */
public record SseEvent(String event, String data) {}
