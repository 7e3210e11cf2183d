package dev.gearbox.dispatch;

import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.config.Deployment;

/** A complete answer and who gave it. */
public record Served(ChatResponse response, ModelInfo model, Deployment deployment) {}
