package dev.gearbox.policy;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.pipeline.Caller;
import dev.gearbox.signals.Signals;

/**
 * Everything a policy may look at: the request, its signals, the caller, which deployments can take
 * it now, and the slow work already done for it ({@link Prepared}: embeddings, judge labels).
 */
public record RoutingInput(ChatRequest request, Signals signals, Caller caller, Availability availability,
                           Prepared prepared) {
    public RoutingInput {
        if (availability == null) availability = Availability.ALL;
        if (prepared == null) prepared = Prepared.NONE;
    }

    public RoutingInput(ChatRequest request, Signals signals, Caller caller, Availability availability) {
        this(request, signals, caller, availability, Prepared.NONE);
    }

    public RoutingInput(ChatRequest request, Signals signals, Caller caller) {
        this(request, signals, caller, Availability.ALL, Prepared.NONE);
    }

    public RoutingInput withPrepared(Prepared p) {
        return new RoutingInput(request, signals, caller, availability, p);
    }
}
