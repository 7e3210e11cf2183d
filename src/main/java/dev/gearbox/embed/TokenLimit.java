package dev.gearbox.embed;

/**
 * How much of a text the embedder reads: every word piece (up to the model's window), or at most
 * {@code maxTokens} of them, either the first ones ({@code tail} 0) or the first
 * {@code maxTokens - tail} and the last {@code tail} (a long context often ends with the actual
 * question). The model's cost grows with every word piece it reads, so a limit bounds the cost of
 * an embedding whatever the text. The special tokens ([CLS], [SEP]) are not counted.
 *
 * <p>Only {@link #clip(String) a bounded span of characters} is tokenized: at most
 * {@link #CHARS_PER_TOKEN} characters per word piece kept, from the head and from the tail, so a
 * pasted document costs no more to tokenize than a paragraph.
 */
public record TokenLimit(int maxTokens, int tail) {
    /** No limit: the whole text (texts longer than the model's window are embedded in partitions). */
    public static final TokenLimit NONE = new TokenLimit(0, 0);
    /** Word pieces kept from the end of the text by {@link #headTail}, when the limit allows it. */
    public static final int TAIL = 16;
    /**
     * The most a limit may keep: the sequence length all-MiniLM-L6-v2 was trained on (256) less its
     * two special tokens. Without a limit the embedder reads at most 126 word pieces (the
     * tokenizer file's truncation to 128), so a limit above 126 reads more than no limit does.
     */
    public static final int MAX = 254;
    /** Characters read per word piece kept; English averages 4-5, code and numbers fewer. */
    static final int CHARS_PER_TOKEN = 16;

    public TokenLimit {
        boolean none = maxTokens == 0 && tail == 0;
        if (!none && (maxTokens < 1 || maxTokens > MAX)) {
            throw new IllegalArgumentException("a token limit must be from 1 to " + MAX + " word pieces (the embedding model's trained window), not " + maxTokens);
        }
        if (!none && (tail < 0 || tail >= maxTokens)) {
            throw new IllegalArgumentException("the tail of a token limit must be from 0 to " + (maxTokens - 1) + ", not " + tail);
        }
    }

    /** The first {@code maxTokens} word pieces. */
    public static TokenLimit head(int maxTokens) {
        return new TokenLimit(maxTokens, 0);
    }

    /** The first {@code maxTokens - 16} and the last 16 word pieces (half and half below 32). */
    public static TokenLimit headTail(int maxTokens) {
        if (maxTokens < 2) throw new IllegalArgumentException("head and tail need a limit of at least 2 word pieces, not " + maxTokens);
        return new TokenLimit(maxTokens, Math.min(TAIL, maxTokens / 2));
    }

    public boolean bounded() {
        return maxTokens > 0;
    }

    /**
     * The characters worth tokenizing: the whole text when it is short, else its head and its tail
     * joined by a space (the join falls in the part the token limit drops). Applying it twice gives
     * the same text.
     */
    public String clip(String text) {
        if (!bounded()) return text;
        int headChars = CHARS_PER_TOKEN * (maxTokens - tail);
        int tailChars = CHARS_PER_TOKEN * tail;
        if (text.length() <= headChars + tailChars + 1) return text;
        if (tail == 0) return text.substring(0, headChars);
        return text.substring(0, headChars) + " " + text.substring(text.length() - tailChars);
    }

    /**
     * The kept positions of a tokenized sequence that starts with [CLS] and ends with [SEP]: the
     * special tokens and the word pieces the limit keeps, in order.
     */
    public long[] select(long[] sequence) {
        int pieces = sequence.length - 2;
        if (!bounded() || pieces <= maxTokens) return sequence;
        int head = maxTokens - tail;
        long[] out = new long[maxTokens + 2];
        out[0] = sequence[0];
        System.arraycopy(sequence, 1, out, 1, head);
        System.arraycopy(sequence, sequence.length - 1 - tail, out, 1 + head, tail);
        out[out.length - 1] = sequence[sequence.length - 1];
        return out;
    }

    /** As written in a config: {@code none}, {@code head 48} or {@code head 32 + tail 16}. */
    public String describe() {
        if (!bounded()) return "none";
        return tail == 0 ? "head " + maxTokens : "head " + (maxTokens - tail) + " + tail " + tail;
    }
}
