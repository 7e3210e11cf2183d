package dev.gearbox.eval;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long evaluation on stderr: done/total, rate and time left, redrawn in place at
 * most ten times a second. When stderr is not a terminal (CI logs, redirects) it stays silent
 * until one final line, so logs are not flooded with carriage returns.
 */
public final class ProgressBar {
    /** Minimum time between two redraws, in nanoseconds (ten redraws a second). */
    public static final long REDRAW_INTERVAL_NANOS = 100_000_000L;
    private static final int WIDTH = 24;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean interactive;
    private final LongSupplier nanoTime;
    private final long start;
    private long done;
    private long lastDraw = Long.MIN_VALUE;
    private boolean finished;

    /** A bar with an explicit sink, terminal flag and clock (tests pass a fake clock). */
    public ProgressBar(String label, long total, PrintStream out, boolean interactive, LongSupplier nanoTime) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.interactive = interactive;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
    }

    /** A bar on System.err that draws only when the process has a terminal. */
    public static ProgressBar toStderr(String label, long total) {
        return new ProgressBar(label, total, System.err, stderrIsTerminal(), System::nanoTime);
    }

    /** A bar that prints nothing. */
    public static ProgressBar silent(long total) {
        return new ProgressBar("", total, null, false, System::nanoTime);
    }

    /** Records {@code n} more units done and redraws if the last redraw is old enough. */
    public void advance(long n) {
        done += n;
        if (!interactive || out == null) return;
        long now = nanoTime.getAsLong();
        if (lastDraw == Long.MIN_VALUE || now - lastDraw >= REDRAW_INTERVAL_NANOS) {
            lastDraw = now;
            out.print("\r" + line(now));
            out.flush();
        }
    }

    /** Prints the final line; later calls do nothing. */
    public void finish() {
        if (finished || out == null) return;
        finished = true;
        long now = nanoTime.getAsLong();
        out.print((interactive ? "\r" : "") + line(now) + System.lineSeparator());
        out.flush();
    }

    /** The bar's text at time {@code now}, e.g. {@code mmlu [######....] 7000/14037 50% 3500/s ETA 0:02}. */
    String line(long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / seconds;
        int filled = total <= 0 ? WIDTH : (int) Math.min(WIDTH, WIDTH * done / total);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        long percent = total <= 0 ? 100 : 100 * done / total;
        String tail = done >= total ? "in " + clock(seconds) : "ETA " + (rate > 0 ? clock((total - done) / rate) : "?");
        return String.format(Locale.ROOT, "%s [%s] %d/%d %d%% %.0f/s %s", label, bar, done, total, percent, rate, tail);
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /**
     * Java 21 offers no direct test of stderr; a console exists only when the process is attached
     * to a terminal. From Java 22 a console may exist without one, so ask {@code isTerminal()}.
     */
    private static boolean stderrIsTerminal() {
        Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
