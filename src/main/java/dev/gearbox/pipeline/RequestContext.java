package dev.gearbox.pipeline;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.policy.Decision;
import dev.gearbox.signals.Signals;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One request's typed state as it grows stage by stage: ingress fills the request and caller,
 * signals the {@link Signals}, policy the {@link Decision}, dispatch the attempts. Each slot is set
 * once; setting it twice is a bug. Owned by one event loop, so no locking.
 */
public final class RequestContext {
    private final String id;
    private final long receivedNanos;
    private final long receivedEpochMillis;
    private final ChatRequest request;
    private final Caller caller;
    private final String ingressFormat;
    private Signals signals;
    private Decision decision;
    private final List<AttemptRecord> attempts = new ArrayList<>(2);

    public RequestContext(String id, long receivedNanos, long receivedEpochMillis, ChatRequest request,
                          Caller caller, String ingressFormat) {
        this.id = id;
        this.receivedNanos = receivedNanos;
        this.receivedEpochMillis = receivedEpochMillis;
        this.request = request;
        this.caller = caller;
        this.ingressFormat = ingressFormat;
    }

    public String id() { return id; }
    public long receivedNanos() { return receivedNanos; }
    public long receivedEpochMillis() { return receivedEpochMillis; }
    public ChatRequest request() { return request; }
    public Caller caller() { return caller; }
    /** The wire format the client spoke: {@code openai} (later also {@code anthropic}, {@code responses}). */
    public String ingressFormat() { return ingressFormat; }

    public Signals signals() { return signals; }

    public void signals(Signals s) {
        if (signals != null) throw new IllegalStateException("signals already set for " + id);
        signals = s;
    }

    public Decision decision() { return decision; }

    public void decision(Decision d) {
        if (decision != null) throw new IllegalStateException("decision already set for " + id);
        decision = d;
    }

    public void addAttempt(AttemptRecord a) {
        attempts.add(a);
    }

    public List<AttemptRecord> attempts() {
        return Collections.unmodifiableList(attempts);
    }
}
