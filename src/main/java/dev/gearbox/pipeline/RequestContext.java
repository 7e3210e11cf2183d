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
    private ChatRequest request;
    private dev.gearbox.governance.Admitted admission;
    private boolean observed;
    private dev.gearbox.catalog.Catalog catalog;
    private final Caller caller;
    private final String ingressFormat;
    private Signals signals;
    private Decision decision;
    private final List<AttemptRecord> attempts;
    private final List<String> escalations = new ArrayList<>(1);

    public RequestContext(String id, long receivedNanos, long receivedEpochMillis, ChatRequest request,
                          Caller caller, String ingressFormat) {
        this(id, receivedNanos, receivedEpochMillis, request, caller, ingressFormat, new ArrayList<>(2));
    }

    private RequestContext(String id, long receivedNanos, long receivedEpochMillis, ChatRequest request,
                           Caller caller, String ingressFormat, List<AttemptRecord> attempts) {
        this.id = id;
        this.receivedNanos = receivedNanos;
        this.receivedEpochMillis = receivedEpochMillis;
        this.request = request;
        this.caller = caller;
        this.ingressFormat = ingressFormat;
        this.attempts = attempts;
    }

    /**
     * A context for one step of this request (a cascade step) that dispatches {@code step} (and
     * {@code stepRequest}, e.g. this request unstreamed) instead
     * of this request's whole decision, and records its attempts into this request's list, so every
     * billed call lands in the one ledger record.
     */
    public RequestContext step(ChatRequest stepRequest, Decision step) {
        RequestContext c = new RequestContext(id, receivedNanos, receivedEpochMillis, stepRequest, caller, ingressFormat, attempts);
        c.signals = signals;
        c.decision = step;
        return c;
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

    /** A governance cap lowered the request's output limit (before dispatch only). */
    public void capRequest(ChatRequest capped) {
        this.request = capped;
    }

    /** What governance admitted the request with (the key and its token estimate), settled when it ends; null when none. */
    public dev.gearbox.governance.Admitted admission() { return admission; }

    public void admission(dev.gearbox.governance.Admitted a) { admission = a; }

    /** Observe mode: the decision is recorded, the request served as the client asked. */
    public boolean observed() { return observed; }

    private Decision would;

    /** In observe mode: the policy's decision, recorded but not executed (the served one is {@link #decision}). */
    public Decision would() { return would; }

    public void observe(Decision policyDecision) {
        observed = true;
        would = policyDecision;
    }

    /** The catalog prices come from (for projected costs in observe mode); null outside the gateway. */
    public dev.gearbox.catalog.Catalog catalog() { return catalog; }

    public void catalog(dev.gearbox.catalog.Catalog c) { catalog = c; }

    public Decision decision() { return decision; }

    public void decision(Decision d) {
        if (decision != null) throw new IllegalStateException("decision already set for " + id);
        decision = d;
    }

    public void addAttempt(AttemptRecord a) {
        attempts.add(a);
    }

    /** A cascade moved on because the answer failed {@code check} (e.g. {@code json_invalid}). */
    public void escalated(String check) {
        escalations.add(check);
    }

    /** The checks that made a cascade escalate, in order; empty when it did not. */
    public List<String> escalations() {
        return Collections.unmodifiableList(escalations);
    }

    /** Attempts made to answer the client (judge calls excluded): what {@code x-gearbox-attempts} counts. */
    public int serveAttempts() {
        int n = 0;
        for (AttemptRecord a : attempts) if (a.kind() == AttemptRecord.Kind.SERVE) n++;
        return n;
    }

    public List<AttemptRecord> attempts() {
        return Collections.unmodifiableList(attempts);
    }
}
