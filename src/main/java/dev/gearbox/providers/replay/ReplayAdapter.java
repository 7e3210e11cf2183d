package dev.gearbox.providers.replay;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.Choice;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.TokenCounter;
import dev.gearbox.chat.Usage;
import dev.gearbox.config.Deployment;
import dev.gearbox.config.ProviderConfig;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import dev.gearbox.providers.ChunkStream;
import dev.gearbox.providers.ProviderAdapter;
import dev.gearbox.providers.simulated.AnswerChunks;
import dev.gearbox.providers.simulated.ContextTimer;
import dev.gearbox.providers.simulated.TimedChunkStream;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A provider that answers with what real models answered, recorded in a routeset file, so routing
 * can be evaluated end to end (through the gateway, with real answer lengths and costs) offline.
 * It looks up the request's first user message, as RouteLLM routes on the first turn, and returns
 * {@code responses[upstreamModel]} verbatim: {@code max_tokens}, tools and response format are ignored.
 * The file is read once, in the constructor, so build this at start-up, not on an event loop.
 */
public final class ReplayAdapter implements ProviderAdapter {
    /** Upstream code on a replay miss, so a caller can tell "not recorded" from a real bad request. */
    public static final String NO_RECORDED_ANSWER = "no_recorded_answer";

    private final Vertx vertx;
    private final ProviderConfig provider;
    private final ReplaySettings settings;
    private final Map<String, RecordedPrompt> prompts;
    private final AtomicLong responses = new AtomicLong();

    public ReplayAdapter(Vertx vertx, ProviderConfig provider) {
        this.vertx = vertx;
        this.provider = provider;
        this.settings = ReplaySettings.from(provider.options());
        this.prompts = RouteSetFile.load(settings.file());
    }

    /** The recorded prompt with this text (compared after trimming and CRLF -> LF), if the file has it. */
    public Optional<RecordedPrompt> lookup(String prompt) {
        return prompt == null ? Optional.empty() : Optional.ofNullable(prompts.get(RouteSetFile.normalise(prompt)));
    }

    /** How many distinct prompts the file holds. */
    public int size() {
        return prompts.size();
    }

    @Override
    public Future<ChatResponse> chat(Deployment deployment, ChatRequest request) {
        Context context = vertx.getOrCreateContext();
        Promise<ChatResponse> promise = Promise.promise();
        String answer;
        try {
            answer = answer(deployment, request);
        } catch (GatewayError e) {
            ContextTimer.after(context, 0, () -> promise.fail(e));
            return promise.future();
        }
        Usage usage = Usage.of(TokenCounter.count(request.messages()), TokenCounter.count(answer));
        ChatResponse response = new ChatResponse("replay-" + responses.incrementAndGet(), deployment.upstreamModel(),
                List.of(new Choice(0, Message.text(Role.ASSISTANT, answer), FinishReason.STOP)), usage);
        ContextTimer.after(context, settings.ttftMs(), () -> promise.complete(response));
        return promise.future();
    }

    @Override
    public Future<ChunkStream> stream(Deployment deployment, ChatRequest request) {
        Context context = vertx.getOrCreateContext();
        Promise<ChunkStream> promise = Promise.promise();
        try {
            String answer = answer(deployment, request);
            Usage usage = Usage.of(TokenCounter.count(request.messages()), TokenCounter.count(answer));
            TimedChunkStream stream = new TimedChunkStream(vertx, AnswerChunks.text(answer, FinishReason.STOP, usage),
                    settings.pacing());
            ContextTimer.after(context, 0, () -> promise.complete(stream));
        } catch (GatewayError e) {
            ContextTimer.after(context, 0, () -> promise.fail(e));
        }
        return promise.future();
    }

    private String answer(Deployment deployment, ChatRequest request) {
        String prompt = firstUserText(request);
        if (prompt == null) throw miss(deployment, "the request has no user message to look up");
        RecordedPrompt recorded = lookup(prompt).orElseThrow(() -> miss(deployment,
                "replay provider '" + provider.name() + "' has no recorded answer for this prompt; file "
                        + settings.file() + " holds " + prompts.size() + " prompts"));
        String model = deployment.upstreamModel();
        String answer = recorded.responses().get(model);
        if (answer != null) return answer;
        String holders = recorded.responses().isEmpty() ? "none (the file records scores only)"
                : String.join(", ", new TreeSet<>(recorded.responses().keySet()));
        throw miss(deployment, "replay provider '" + provider.name() + "' has prompt " + recorded.id()
                + " but no recorded answer from model '" + model + "' in file " + settings.file()
                + "; models with answers: " + holders);
    }

    private static String firstUserText(ChatRequest request) {
        for (Message m : request.messages()) if (m.role() == Role.USER) return m.text();
        return null;
    }

    private GatewayError miss(Deployment deployment, String message) {
        return new GatewayError.UpstreamError(provider.name(), deployment.id(), 400, ErrorClass.BAD_REQUEST,
                message, NO_RECORDED_ANSWER, null);
    }
}
