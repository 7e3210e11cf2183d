package dev.gearbox.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One look at the gateway process from outside, as an operator would take it: resident memory,
 * threads and open file descriptors from {@code /proc}, the heap after a full collection (asked for
 * with {@code jcmd PID GC.run} and read from the process's {@code -Xlog:gc} file), and the ledger's
 * queue depth, written and dropped counts from its {@code /metrics}. A figure that could not be read
 * is -1, never a guess.
 */
record ProcessSample(double heapAfterGcMb, double heapCommittedMb, double rssMb, int fds, int threads,
                     long ledgerQueue, long ledgerWritten, long ledgerDropped) {
    static final Pattern FULL_GC = Pattern.compile("Pause Full \\((?:Diagnostic Command|System\\.gc\\(\\))\\) (\\d+)M->(\\d+)M\\((\\d+)M\\)");
    static final Duration JCMD_TIMEOUT = Duration.ofSeconds(20);

    static ProcessSample take(long pid, Path gcLog, URI metrics, HttpClient http) {
        double[] heap = heapAfterFullGc(pid, gcLog);
        String status = read(Path.of("/proc", Long.toString(pid), "status"));
        String scrape = scrape(metrics, http);
        return new ProcessSample(heap[0], heap[1], field(status, "VmRSS:") / 1024.0, fds(pid), (int) field(status, "Threads:"),
                gauge(scrape, "gearbox_ledger_queue_depth"), gauge(scrape, "gearbox_ledger_written"),
                gauge(scrape, "gearbox_ledger_dropped"));
    }

    /** {@code [after, committed]} in MB of the full collection jcmd asked for, or -1s. */
    static double[] heapAfterFullGc(long pid, Path gcLog) {
        int before = countFullGcs(gcLog);
        try {
            String jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd").toString();
            Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(JCMD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new double[] {-1, -1};
            }
        } catch (IOException e) {
            return new double[] {-1, -1};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new double[] {-1, -1};
        }
        // the log line is written when the collection ends, which GC.run waits for; a bounded re-read covers the flush
        for (int i = 0; i < 50; i++) {
            List<String> lines = lines(gcLog);
            if (countFullGcs(lines) > before) {
                Matcher m = null;
                for (String line : lines) {
                    Matcher x = FULL_GC.matcher(line);
                    if (x.find()) m = x;
                }
                return new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))};
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new double[] {-1, -1};
    }

    private static int countFullGcs(Path gcLog) {
        return countFullGcs(lines(gcLog));
    }

    private static int countFullGcs(List<String> lines) {
        int n = 0;
        for (String line : lines) if (FULL_GC.matcher(line).find()) n++;
        return n;
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    /** The number after {@code name} in a /proc status file (kB for sizes), or -1. */
    static long field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name)) return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
        }
        return -1;
    }

    private static int fds(long pid) {
        try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) s.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String scrape(URI metrics, HttpClient http) {
        try {
            return http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** An unlabelled gauge's value from a Prometheus text exposition, or -1. */
    static long gauge(String scrape, String name) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + " ")) return (long) Double.parseDouble(line.substring(name.length() + 1).trim());
        }
        return -1;
    }
}
