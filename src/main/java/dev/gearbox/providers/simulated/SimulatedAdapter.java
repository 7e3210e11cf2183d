package dev.gearbox.providers.simulated;

import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.Choice;
import dev.gearbox.config.Deployment;
import dev.gearbox.config.ProviderConfig;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import dev.gearbox.providers.ChunkStream;
import dev.gearbox.providers.ProviderAdapter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A provider with no network: a deterministic fake model ({@link SimulatedModel}) that takes the
 * time a real one would and fails as often as configured ({@link SimulatedBehaviour}), so routing,
 * fallback and streaming can be demonstrated and load-tested offline. Failures come from one
 * seeded random sequence per adapter, so a run is reproducible.
 */
public final class SimulatedAdapter implements ProviderAdapter {
    private final Vertx vertx;
    private final ProviderConfig provider;
    private final SimulatedBehaviour behaviour;
    private final SplittableRandom faults;
    private final AtomicLong responses = new AtomicLong();

    public SimulatedAdapter(Vertx vertx, ProviderConfig provider) {
        this(vertx, provider, SimulatedBehaviour.from(provider.options()));
    }

    public SimulatedAdapter(Vertx vertx, ProviderConfig provider, SimulatedBehaviour behaviour) {
        this.vertx = vertx;
        this.provider = provider;
        this.behaviour = behaviour;
        this.faults = new SplittableRandom(behaviour.seed());
        // simulated answers are cut and billed by token count on the event loop: load the tables now
        dev.gearbox.chat.TokenCounter.loadInBackground();
    }

    public SimulatedBehaviour behaviour() {
        return behaviour;
    }

    @Override
    public Future<ChatResponse> chat(Deployment deployment, ChatRequest request) {
        Context context = vertx.getOrCreateContext();
        Promise<ChatResponse> promise = Promise.promise();
        GatewayError refusal = refusal(deployment, request);
        if (refusal != null) {
            ContextTimer.after(context, 0, () -> promise.fail(refusal));
            return promise.future();
        }
        if (draw() < behaviour.errorRate()) {
            ContextTimer.after(context, behaviour.ttftMs(), () -> promise.fail(upstreamError(deployment)));
            return promise.future();
        }
        SimulatedAnswer answer = SimulatedModel.answer(deployment.upstreamModel(), request, behaviour.outputTokens());
        ChatResponse response = new ChatResponse(nextId(), deployment.upstreamModel(),
                List.of(new Choice(0, answer.message(), answer.finishReason())), answer.usage());
        long took = behaviour.ttftMs() + Math.round(behaviour.pacing().millisFor(answer.usage().outputTokens()));
        ContextTimer.after(context, took, () -> promise.complete(response));
        return promise.future();
    }

    @Override
    public Future<ChunkStream> stream(Deployment deployment, ChatRequest request) {
        Context context = vertx.getOrCreateContext();
        Promise<ChunkStream> promise = Promise.promise();
        GatewayError refusal = refusal(deployment, request);
        if (refusal != null) {
            ContextTimer.after(context, 0, () -> promise.fail(refusal));
            return promise.future();
        }
        if (draw() < behaviour.errorRate()) {
            // Fails before the first byte, so dispatch may still try another deployment.
            ContextTimer.after(context, behaviour.ttftMs(), () -> promise.fail(upstreamError(deployment)));
            return promise.future();
        }
        SimulatedAnswer answer = SimulatedModel.answer(deployment.upstreamModel(), request, behaviour.outputTokens());
        List<ChatChunk> chunks = answer.toolCall() != null
                ? AnswerChunks.toolCall(answer.toolCall(), answer.finishReason(), answer.usage())
                : AnswerChunks.text(answer.text(), answer.finishReason(), answer.usage());
        TimedChunkStream.Drop drop = null;
        if (draw() < behaviour.midStreamFailureRate()) {
            // After the role and at least one delta, before the finish chunk: some text, but not the end.
            int after = 2 + drawInt(Math.max(1, chunks.size() - 3));
            drop = new TimedChunkStream.Drop(after, dropError(deployment));
        }
        TimedChunkStream stream = new TimedChunkStream(vertx, chunks, behaviour.pacing(), drop);
        ContextTimer.after(context, 0, () -> promise.complete(stream));
        return promise.future();
    }

    /** Deterministic 256-dimension unit vectors seeded by each input's text, and its jtokkit token count. */
    @Override
    public Future<Embeddings> embed(Deployment deployment, List<String> inputs) {
        List<float[]> out = new java.util.ArrayList<>(inputs.size());
        int tokens = 0;
        for (String in : inputs) {
            SplittableRandom r = new SplittableRandom(in.hashCode() * 31L + deployment.upstreamModel().hashCode());
            float[] v = new float[256];
            double n = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) r.nextGaussian();
                n += v[i] * v[i];
            }
            for (int i = 0; i < v.length; i++) v[i] /= (float) Math.sqrt(n);
            out.add(v);
            tokens += dev.gearbox.chat.TokenCounter.count(in);
        }
        Context context = vertx.getOrCreateContext();
        Promise<Embeddings> p = Promise.promise();
        Embeddings e = new Embeddings(out, tokens);
        ContextTimer.after(context, 0, () -> p.complete(e));
        return p.future();
    }

    private GatewayError refusal(Deployment deployment, ChatRequest request) {
        String missing = SimulatedModel.missingNamedTool(request);
        if (missing == null) return null;
        return new GatewayError.UpstreamError(provider.name(), deployment.id(), 400, ErrorClass.BAD_REQUEST,
                "tool_choice names the function '" + missing + "', which is not among the request's tools.",
                null, null);
    }

    private GatewayError upstreamError(Deployment deployment) {
        int status = behaviour.errorStatus();
        return new GatewayError.UpstreamError(provider.name(), deployment.id(), status, ErrorClass.fromStatus(status),
                "Simulated upstream error " + status + " from provider '" + provider.name() + "' (error_rate "
                        + behaviour.errorRate() + ").", null, null);
    }

    private GatewayError dropError(Deployment deployment) {
        return new GatewayError.UpstreamError(provider.name(), deployment.id(), 0, ErrorClass.CONNECTION,
                "Simulated connection drop mid-stream from provider '" + provider.name() + "' (mid_stream_failure_rate "
                        + behaviour.midStreamFailureRate() + ").", null, null);
    }

    private String nextId() {
        return "sim-" + responses.incrementAndGet();
    }

    private double draw() {
        synchronized (faults) {
            return faults.nextDouble();
        }
    }

    private int drawInt(int bound) {
        synchronized (faults) {
            return faults.nextInt(bound);
        }
    }
}
