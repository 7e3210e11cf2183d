package dev.gearbox.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sentence embeddings from a static token table distilled from all-MiniLM-L6-v2 (the Model2Vec
 * recipe without its corpus step): each of the vocabulary's 30,522 word pieces is run through
 * MiniLM once, alone between [CLS] and [SEP], and its mean-pooled output is that word piece's row;
 * the rows are centred and their top {@link #REMOVED_DIRECTIONS} principal directions projected out
 * ({@link TokenTable}); a text's vector is the weighted sum of its word pieces' rows, frequent word
 * pieces weighing less ({@link #weight}), normalised. Embedding a prompt is then a tokenizer pass and a few hundred vector additions:
 * tens of microseconds where MiniLM takes about 0.1 ms per word piece on the reference host. The
 * price is context: "bank" is the same row by a river and in a loan, so neighbours agree with
 * MiniLM's less (docs/routing-quality.md has how much, and what it does to routing).
 *
 * <p>Distilling takes about 16 s on the reference host ({@link #DISTIL_BATCH}); the table is
 * then kept on disk ({@link TokenTableCache}) and later starts read it in tens of milliseconds
 * without loading ONNX Runtime. Thread-safe.
 */
public final class StaticEmbedder implements SentenceEmbedder {
    private static final Logger LOG = LoggerFactory.getLogger(StaticEmbedder.class);
    /** all-MiniLM-L6-v2's vocabulary (bert-base-uncased's). */
    static final int VOCAB = 30_522;
    static final int DIMENSIONS = Embedder.DIMENSIONS;
    /**
     * Word pieces per ONNX Runtime call while distilling: one. The quantized model scales its
     * activations per call (dynamic quantization), so in a batch of 512 a row comes out about 2% off
     * (cosine 0.98) the word piece's own vector; alone, it is exact. About 16 s once per machine,
     * against 6 s in batches.
     */
    static final int DISTIL_BATCH = 1;
    /** The first whole word in bert-base-uncased's vocabulary ("the"); from here whole words come in order of frequency. */
    static final int FIRST_WORD = 1_996;
    /** Smooth inverse frequency's constant: a word piece with estimated frequency p weighs SIF / (SIF + p). */
    static final double SIF = 1e-4;
    /** Principal directions projected out of the table; 2 agreed best with MiniLM's neighbours of 0, 2 and 5. */
    static final int REMOVED_DIRECTIONS = 2;
    /** Bumped when the distillation or the weighting changes, so an old cached table is not read. */
    static final int RECIPE = 1;
    private static volatile StaticEmbedder shared;

    /** VOCAB x DIMENSIONS, row-major, each row already multiplied by its word piece's weight. */
    private final float[] table;
    private final HuggingFaceTokenizer tokenizer;

    /** The process-wide instance: the cached table, or a fresh distillation from {@link Embedder#shared()}. */
    public static StaticEmbedder shared() {
        StaticEmbedder e = shared;
        if (e == null) {
            synchronized (StaticEmbedder.class) {
                if (shared == null) shared = new StaticEmbedder(TokenTableCache.standard().load(RECIPE, VOCAB, DIMENSIONS, StaticEmbedder::distil));
                e = shared;
            }
        }
        return e;
    }

    /** An embedder over a given table of VOCAB x DIMENSIONS unweighted, post-processed rows (tests; {@link #shared()} otherwise). */
    static StaticEmbedder of(float[] rows) {
        return new StaticEmbedder(rows);
    }

    private StaticEmbedder(float[] rows) {
        if (rows.length != VOCAB * DIMENSIONS) {
            throw new IllegalArgumentException("a token table has " + VOCAB + " x " + DIMENSIONS + " values, not " + rows.length);
        }
        table = rows.clone();
        for (int id = 0; id < VOCAB; id++) {
            float w = (float) weight(id);
            int base = id * DIMENSIONS;
            for (int d = 0; d < DIMENSIONS; d++) table[base + d] *= w;
        }
        try (InputStream vocab = Embedder.tokenizerFile()) {
            tokenizer = HuggingFaceTokenizer.newInstance(vocab, Map.of("padding", "false", "truncation", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding model's tokenizer", e);
        }
    }

    /** MiniLM over every word piece of the vocabulary, alone, post-processed: the table's unweighted rows. */
    static float[] distil() {
        long t0 = System.nanoTime();
        LOG.info("distilling the static token table from all-MiniLM-L6-v2 ({} word pieces; once per machine)", VOCAB);
        float[] rows;
        try (Embedder minilm = Embedder.withSessionOptions(Embedder.DEFAULT_THREADS, true)) { // closed after: the table needs no model
            rows = TokenTable.allButTheTop(minilm.isolatedTokens(0, VOCAB, DISTIL_BATCH), DIMENSIONS, REMOVED_DIRECTIONS);
        }
        LOG.info("static token table distilled in {} ms", (System.nanoTime() - t0) / 1_000_000);
        return rows;
    }

    /**
     * How much a word piece counts: smooth inverse frequency (Arora et al. 2017) with the frequency
     * estimated from the vocabulary's order, as Model2Vec does without a corpus. bert-base-uncased
     * lists its whole words by frequency from {@link #FIRST_WORD} on, so rank r gets Zipf's
     * 1 / (r ln(1.78 V)); the punctuation, digits and single characters before it are as frequent
     * as the most frequent word; special tokens ([CLS], [SEP]) weigh nothing.
     */
    static double weight(int id) {
        if (id == Embedder.CLS || id == Embedder.SEP || id == 0) return 0;
        int rank = Math.max(1, id - FIRST_WORD + 1);
        double p = 1.0 / (rank * Math.log(1.78 * VOCAB));
        return SIF / (SIF + p);
    }

    @Override
    public float[] embed(String text, TokenLimit limit) {
        String t = Embedder.nonBlank(text);
        long[] ids = limit.select(tokenizer.encode(limit.clip(t), true, false).getIds());
        float[] v = new float[DIMENSIONS];
        for (long id : ids) {
            int base = (int) id * DIMENSIONS;
            for (int d = 0; d < DIMENSIONS; d++) v[d] += table[base + d];
        }
        return Embedder.normalise(v);
    }

    @Override
    public EmbeddingModel model() {
        return EmbeddingModel.STATIC;
    }
}
