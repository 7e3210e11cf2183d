package dev.gearbox.eval;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong();

    @Test
    void onATerminalItRedrawsAtMostTenTimesASecond() {
        ProgressBar bar = new ProgressBar("mmlu", 1000, out, true, now::get);

        for (int i = 0; i < 1000; i++) {
            now.addAndGet(1_000_000); // 1 ms per item: one second in all
            bar.advance(1);
        }
        bar.finish();

        String text = bytes.toString(StandardCharsets.UTF_8);
        long redraws = text.chars().filter(c -> c == '\r').count();
        assertThat(redraws).as("10 redraws in one second plus the final one").isBetween(10L, 11L);
        assertThat(text).endsWith("mmlu [########################] 1000/1000 100% 1000/s in 0:01" + System.lineSeparator());
    }

    @Test
    void showsRateAndTimeLeftWhileRunning() {
        ProgressBar bar = new ProgressBar("gsm8k", 400, out, true, now::get);
        now.set(2_000_000_000L);
        bar.advance(100);

        assertThat(bar.line(now.get())).isEqualTo("gsm8k [######..................] 100/400 25% 50/s ETA 0:06");
    }

    @Test
    void offATerminalOnlyTheFinalLineIsPrinted() {
        ProgressBar bar = new ProgressBar("mmlu", 50, out, false, now::get);
        for (int i = 0; i < 50; i++) {
            now.addAndGet(200_000_000);
            bar.advance(1);
        }
        assertThat(bytes.size()).isZero();

        bar.finish();
        bar.finish();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("mmlu [########################] 50/50 100% 5/s in 0:10" + System.lineSeparator());
    }
}
