package dev.gearbox.policy;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.pipeline.Caller;
import dev.gearbox.signals.Signals;

/** Everything a policy may look at: the request, its signals, the caller, and which deployments can take it now. */
public record RoutingInput(ChatRequest request, Signals signals, Caller caller, Availability availability) {
    public RoutingInput {
        if (availability == null) availability = Availability.ALL;
    }

    public RoutingInput(ChatRequest request, Signals signals, Caller caller) {
        this(request, signals, caller, Availability.ALL);
    }
}
