package dev.gearbox.policy;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.pipeline.Caller;
import dev.gearbox.signals.Signals;

/** Everything a policy may look at: the request, its signals, and the caller. */
public record RoutingInput(ChatRequest request, Signals signals, Caller caller) {}
