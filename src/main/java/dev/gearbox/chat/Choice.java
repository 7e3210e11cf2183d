package dev.gearbox.chat;

/** One generated answer. */
public record Choice(int index, Message message, FinishReason finishReason) {}
