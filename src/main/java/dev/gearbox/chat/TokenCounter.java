package dev.gearbox.chat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens with OpenAI's o200k_base encoding (jtokkit). Other vendors' tokenizers differ by a
 * few percent; this is an estimate for routing and for providers that report no usage.
 *
 * <p>The encoding's tables are loaded on first use: 2-7 s on a loaded 2-core machine and ~30 MB of
 * heap (a config that never counts tokens never pays it). The request path never loads them on an
 * event loop: it checks {@link #ready()} and, when they are missing, {@link #load()}s them on a
 * worker first (the router through its token-counter need, governance before admitting).
 */
public final class TokenCounter {
    private static volatile Encoding encoding;
    private static volatile String loadedOn;
    /** Per-message framing tokens in OpenAI's chat format. */
    public static final int PER_MESSAGE_OVERHEAD = 3;

    private TokenCounter() {}

    public static int count(String text) {
        return text == null || text.isEmpty() ? 0 : encoding().countTokensOrdinary(text);
    }

    /** Whether the encoding is loaded: counting will not block. */
    public static boolean ready() {
        return encoding != null;
    }

    /**
     * Completes once the encoding is loaded: at once when it is, else after loading it on a worker
     * of the calling Vert.x context (or on this thread outside Vert.x).
     */
    public static io.vertx.core.Future<Void> load() {
        if (ready()) return io.vertx.core.Future.succeededFuture();
        io.vertx.core.Context ctx = io.vertx.core.Vertx.currentContext();
        if (ctx == null) {
            encoding();
            return io.vertx.core.Future.succeededFuture();
        }
        return ctx.executeBlocking(() -> {
            encoding();
            return null;
        }, false);
    }

    /** The thread that loaded the encoding (tests check it was not an event loop); null before. */
    public static String loadedOn() {
        return loadedOn;
    }

    /** Drops the loaded encoding, so a test can watch the first load (tests only). */
    public static synchronized void unloadForTests() {
        encoding = null;
        loadedOn = null;
    }

    /** Starts loading the encoding on a background thread (the simulated providers count every answer). */
    public static void loadInBackground() {
        if (!ready()) Thread.ofPlatform().name("gearbox-tokenizer-load").daemon(true).start(TokenCounter::encoding);
    }

    private static Encoding encoding() {
        Encoding e = encoding;
        if (e != null) return e;
        synchronized (TokenCounter.class) {
            if (encoding == null) {
                encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
                loadedOn = Thread.currentThread().getName();
            }
            return encoding;
        }
    }

    /** Estimated prompt tokens of a request's messages (text parts; images are not counted). */
    public static int count(java.util.List<Message> messages) {
        int n = 3;
        for (Message m : messages) {
            n += PER_MESSAGE_OVERHEAD + count(m.text());
            for (ToolCall c : m.toolCalls()) n += count(c.name()) + count(c.arguments());
        }
        return n;
    }
}
