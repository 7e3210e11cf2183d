package dev.gearbox.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** A token limit keeps exactly the configured word pieces, from the head or from head and tail. */
class TokenLimitTest {
    static final long CLS = 101, SEP = 102;

    /** [CLS] 1 2 ... n [SEP]. */
    static long[] sequence(int n) {
        long[] s = new long[n + 2];
        s[0] = CLS;
        for (int i = 1; i <= n; i++) s[i] = i;
        s[n + 1] = SEP;
        return s;
    }

    @Test
    void headKeepsTheFirstWordPiecesAndTheSpecialTokens() {
        assertThat(TokenLimit.head(4).select(sequence(10))).containsExactly(CLS, 1, 2, 3, 4, SEP);
        assertThat(TokenLimit.head(4).select(sequence(4))).as("fits: unchanged").containsExactly(CLS, 1, 2, 3, 4, SEP);
        assertThat(TokenLimit.head(4).select(sequence(2))).containsExactly(CLS, 1, 2, SEP);
    }

    @Test
    void headTailKeepsTheFirstNMinus16AndTheLast16() {
        TokenLimit l = TokenLimit.headTail(48);
        assertThat(l.tail()).isEqualTo(16);
        long[] kept = l.select(sequence(300));
        assertThat(kept).hasSize(50);
        assertThat(kept[0]).isEqualTo(CLS);
        assertThat(kept[49]).isEqualTo(SEP);
        assertThat(Arrays.copyOfRange(kept, 1, 33)).containsExactly(LongStream.rangeClosed(1, 32).toArray());
        assertThat(Arrays.copyOfRange(kept, 33, 49)).containsExactly(LongStream.rangeClosed(285, 300).toArray());
        assertThat(TokenLimit.headTail(10).select(sequence(20))).as("below 32: half and half")
                .containsExactly(CLS, 1, 2, 3, 4, 5, 16, 17, 18, 19, 20, SEP);
        assertThat(TokenLimit.NONE.select(sequence(600))).hasSize(602);
    }

    @Test
    void clipReadsABoundedSpanFromHeadAndTailAndIsStable() {
        String text = "a".repeat(5_000) + "THE END";
        TokenLimit l = TokenLimit.headTail(48);
        String c = l.clip(text);
        assertThat(c).hasSize(32 * TokenLimit.CHARS_PER_TOKEN + 1 + 16 * TokenLimit.CHARS_PER_TOKEN).endsWith("THE END");
        assertThat(l.clip(c)).isEqualTo(c);
        assertThat(TokenLimit.head(48).clip(text)).hasSize(48 * TokenLimit.CHARS_PER_TOKEN);
        assertThat(l.clip("short")).isEqualTo("short");
    }

    @Test
    void limitsOutsideTheModelsWindowAreRejectedWithTheRange() {
        assertThatThrownBy(() -> TokenLimit.head(-1)).hasMessageContaining("from 1 to 254").hasMessageContaining("-1");
        assertThatThrownBy(() -> TokenLimit.head(255)).hasMessageContaining("from 1 to 254").hasMessageContaining("255");
        assertThatThrownBy(() -> new TokenLimit(8, 8)).hasMessageContaining("tail");
        assertThatThrownBy(() -> TokenLimit.headTail(1)).hasMessageContaining("at least 2");
    }

    /** With the real tokenizer: exactly N word pieces of a long prompt reach the model, the ones the limit names. */
    @Test
    void theEmbedderReadsExactlyTheKeptWordPieces() {
        Embedder e = Embedder.shared();
        String question = " How do I fix this KeyError?";
        String text = "Here is the log of the nightly build with every step it ran. ".repeat(15) + question;
        long[] all = e.tokens(text, TokenLimit.head(TokenLimit.MAX));
        assertThat(all.length).isBetween(150, TokenLimit.MAX + 1);
        assertThat(e.tokens(text, TokenLimit.NONE)).as("without a limit the tokenizer file truncates to 128").hasSize(128)
                .startsWith(Arrays.copyOfRange(all, 0, 127));
        long[] head = e.tokens(text, TokenLimit.head(48));
        assertThat(head).hasSize(50).startsWith(Arrays.copyOfRange(all, 0, 49)).endsWith(all[all.length - 1]);
        long[] ht = e.tokens(text, TokenLimit.headTail(48));
        assertThat(ht).hasSize(50).startsWith(Arrays.copyOfRange(all, 0, 33)).endsWith(Arrays.copyOfRange(all, all.length - 17, all.length));
        long[] q = e.tokens(question, TokenLimit.NONE);
        assertThat(Arrays.copyOfRange(ht, ht.length - 1 - (q.length - 2), ht.length - 1)).as("the question is the tail")
                .containsExactly(Arrays.copyOfRange(q, 1, q.length - 1));
    }

    @Test
    void aLimitAPromptFitsInGivesTheUnlimitedVectorAndALongPromptItsHeadsVector() {
        Embedder e = Embedder.shared();
        String shortText = "Why does my Python script raise a KeyError?";
        assertThat(Embedder.cosine(e.embed(shortText, TokenLimit.head(64)), e.embed(shortText))).isGreaterThan(0.9999);
        String head = "Hello! How are you doing this morning?";
        int pieces = e.tokens(head, TokenLimit.NONE).length - 2;
        float[] capped = e.embed(head + " Then a very long story about nothing in particular follows here.".repeat(20), TokenLimit.head(pieces));
        assertThat(Embedder.cosine(capped, e.embed(head))).isGreaterThan(0.9999);
    }
}
