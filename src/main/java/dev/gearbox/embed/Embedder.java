package dev.gearbox.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * Sentence embeddings computed in-process: all-MiniLM-L6-v2 (quantized, 384 dimensions, ONNX
 * Runtime), shipped inside a Maven artifact, so no network and no model download. Vectors are
 * L2-normalised, so cosine similarity is a dot product. Thread-safe; blocking (a few ms per text):
 * never call it on an event loop.
 *
 * <p>The model and tokenizer come from langchain4j's artifact, but the session is Gearbox's own:
 * ONNX Runtime's full graph optimisations (attention and GELU fusion) and one tokenizer pass per
 * text, where langchain4j's default session runs basic optimisations and tokenizes a text three
 * times before encoding it. The tokenizer file truncates every text to 128 tokens, so
 * {@link #embed(String)} reads at most the first 126 word pieces of a text, as langchain4j does
 * (the partition path for texts over 510 word pieces is kept for a tokenizer without that
 * truncation); both give the same vector langchain4j gives (EmbedderTest checks it).
 * {@link #embed(String, TokenLimit)} reads at most a given number of word pieces, from the head or
 * from head and tail, with an untruncating tokenizer of the same vocabulary.
 */
public final class Embedder implements SentenceEmbedder, AutoCloseable {
    public static final int DIMENSIONS = 384;
    /** Word pieces per pass, the special tokens aside (langchain4j's partition size). */
    static final int WINDOW = 510;
    /** The vocabulary ids of [CLS] and [SEP], which open and close every sequence the model reads. */
    static final int CLS = 101;
    static final int SEP = 102;
    /** Intra-op threads of the shared session: the cores, at most 4. */
    static final int DEFAULT_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private static volatile Embedder shared;

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    /** The same vocabulary without the tokenizer file's 128-token truncation, for {@link TokenLimit}s (which need the tail). */
    private final HuggingFaceTokenizer untruncated;
    private final LongTexts longTexts;

    /** The process-wide instance (the ONNX session is loaded once, on first use). */
    public static Embedder shared() {
        Embedder e = shared;
        if (e == null) {
            synchronized (Embedder.class) {
                if (shared == null) shared = new Embedder(DEFAULT_THREADS, true);
                e = shared;
            }
        }
        return e;
    }

    /**
     * A separate instance with its own session: {@code threads} intra-op threads, spinning while
     * they wait for work or not. For benchmarks comparing session options; use {@link #shared()}.
     */
    public static Embedder withSessionOptions(int threads, boolean spinning) {
        return new Embedder(threads, spinning);
    }

    private Embedder(int threads, boolean spinning) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            if (!spinning) options.addConfigEntry("session.intra_op.allow_spinning", "0");
            session = env.createSession(resource("/all-minilm-l6-v2-q.onnx"), options);
            try (InputStream vocab = tokenizerFile()) {
                tokenizer = HuggingFaceTokenizer.newInstance(vocab, Map.of("padding", "false"));
            }
            try (InputStream vocab = tokenizerFile()) {
                untruncated = HuggingFaceTokenizer.newInstance(vocab, Map.of("padding", "false", "truncation", "false"));
            }
            longTexts = new LongTexts(new OnnxBertBiEncoder(env, session, stream("/all-minilm-l6-v2-q-tokenizer.json"), PoolingMode.MEAN));
        } catch (OrtException | IOException e) {
            throw new IllegalStateException("cannot load the embedding model from the langchain4j artifact", e);
        }
    }

    /** Releases this instance's ONNX session; only for instances of {@link #withSessionOptions}, never {@link #shared()}'s. */
    @Override
    public void close() {
        if (this == shared) throw new IllegalStateException("the shared embedder stays open for the process's life");
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot release the embedding model's session", e);
        }
    }

    @Override
    public EmbeddingModel model() {
        return EmbeddingModel.MINILM;
    }

    /** The tokenizer file of the model's artifact (the vocabulary and its 128-token truncation). */
    static InputStream tokenizerFile() {
        return stream("/all-minilm-l6-v2-q-tokenizer.json");
    }

    /**
     * The model's output for each word piece id from {@code from} (inclusive) to {@code to}
     * (exclusive), read alone ([CLS] id [SEP]), mean-pooled as {@link #embed(String)} pools,
     * unnormalised: one row of {@link #DIMENSIONS} per id, row-major, in batches of {@code batch}
     * sequences. {@link StaticEmbedder}'s table is made from it.
     */
    float[] isolatedTokens(int from, int to, int batch) {
        float[] out = new float[(to - from) * DIMENSIONS];
        for (int start = from; start < to; start += batch) {
            int n = Math.min(batch, to - start);
            long[] ids = new long[3 * n];
            long[] ones = new long[3 * n];
            java.util.Arrays.fill(ones, 1L);
            for (int i = 0; i < n; i++) {
                ids[3 * i] = CLS;
                ids[3 * i + 1] = start + i;
                ids[3 * i + 2] = SEP;
            }
            long[] shape = {n, 3};
            try (OnnxTensor inputIds = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                 OnnxTensor attention = OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shape);
                 OnnxTensor typeIds = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[3 * n]), shape);
                 OrtSession.Result r = session.run(Map.of("input_ids", inputIds, "attention_mask", attention, "token_type_ids", typeIds))) {
                FloatBuffer hidden = ((OnnxTensor) r.get(0)).getFloatBuffer(); // [n, 3, 384]
                for (int i = 0; i < n; i++) {
                    int row = (start - from + i) * DIMENSIONS;
                    for (int t = 0; t < 3; t++) {
                        int base = (3 * i + t) * DIMENSIONS;
                        for (int d = 0; d < DIMENSIONS; d++) out[row + d] += hidden.get(base + d) / 3f;
                    }
                }
            } catch (OrtException e) {
                throw new IllegalStateException("the embedding model failed on word pieces " + start + "-" + (start + n - 1), e);
            }
        }
        return out;
    }

    public float[] embed(String text) {
        String t = nonBlank(text);
        Encoding enc = tokenizer.encode(t, true, false);
        long[] ids = enc.getIds();
        if (ids.length >= WINDOW + 2) return normalise(longTexts.embed(t).content().vector());
        return normalise(run(ids, enc.getAttentionMask(), enc.getTypeIds()));
    }

    /**
     * Embeds at most {@code limit}'s word pieces of {@code text} (see {@link TokenLimit}): the
     * model's cost is then bounded whatever the text. {@link TokenLimit#NONE} is {@link #embed(String)}.
     */
    @Override
    public float[] embed(String text, TokenLimit limit) {
        if (!limit.bounded()) return embed(text);
        long[] ids = tokens(text, limit);
        long[] ones = new long[ids.length];
        java.util.Arrays.fill(ones, 1L);
        return normalise(run(ids, ones, new long[ids.length]));
    }

    /** The token ids {@code limit} keeps of {@code text}, [CLS] and [SEP] included (what the model reads). */
    public long[] tokens(String text, TokenLimit limit) {
        if (!limit.bounded()) return tokenizer.encode(nonBlank(text), true, false).getIds();
        return limit.select(untruncated.encode(limit.clip(nonBlank(text)), true, false).getIds());
    }


    /** One pass of the model over one sequence, mean-pooled over its tokens (special tokens included, as langchain4j does). */
    private float[] run(long[] ids, long[] mask, long[] types) {
        long[] shape = {1, ids.length};
        try (OnnxTensor inputIds = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor attention = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor typeIds = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
             OrtSession.Result r = session.run(Map.of("input_ids", inputIds, "attention_mask", attention, "token_type_ids", typeIds))) {
            FloatBuffer hidden = ((OnnxTensor) r.get(0)).getFloatBuffer(); // [1, tokens, 384], row-major
            float[] mean = new float[DIMENSIONS];
            int tokens = ids.length;
            for (int t = 0; t < tokens; t++) {
                int base = t * DIMENSIONS;
                for (int d = 0; d < DIMENSIONS; d++) mean[d] += hidden.get(base + d);
            }
            for (int d = 0; d < DIMENSIONS; d++) mean[d] /= tokens;
            return mean;
        } catch (OrtException e) {
            throw new IllegalStateException("the embedding model failed on a text of " + ids.length + " tokens", e);
        }
    }

    /** The model rejects blank text; an empty prompt embeds as a lone period (a fixed, meaningless point). */
    static String nonBlank(String t) {
        return t == null || t.isBlank() ? "." : t;
    }

    public static double cosine(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** {@code v} scaled in place to unit length (a zero vector stays zero). */
    static float[] normalise(float[] v) {
        double n = 0;
        for (float x : v) n += x * x;
        n = Math.sqrt(n);
        if (n == 0) return v;
        for (int i = 0; i < v.length; i++) v[i] = (float) (v[i] / n);
        return v;
    }

    private static InputStream stream(String name) {
        InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(name);
        if (in == null) throw new IllegalStateException(name + " is missing from the langchain4j embedding artifact");
        return in;
    }

    private static byte[] resource(String name) {
        try (InputStream in = stream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** langchain4j's partition-and-average path for texts longer than the model's window, on Gearbox's session. */
    private static final class LongTexts extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        LongTexts(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }
    }
}
