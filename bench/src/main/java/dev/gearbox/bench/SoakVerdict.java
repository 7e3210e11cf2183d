package dev.gearbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The soak's verdict from its samples and the ledger count: each resource's least-squares slope
 * per minute after the warm-up and its change from the first to the last steady minute, judged
 * against the tolerances below, and answered requests against ledger rows (none may be missing).
 * Prints a summary and writes {@code summary.json}; exits 1 when anything grew or a record is lost.
 *
 * <p>Usage: {@code SoakVerdict OUT WARMUP_S LEDGER_ROWS LEDGER_ROWS_200 GATEWAY_EXIT}
 */
public final class SoakVerdict {
    /** Growth per minute above which a resource is called rising (a leak of a few requests' worth of objects is below it). */
    static final Map<String, Double> SLOPE_LIMIT = Map.of("heap_after_gc_mb", 0.5, "rss_mb", 2.0, "fds", 1.0, "threads", 0.2);
    /** Change from the first to the last steady minute above which a resource is called rising. */
    static final Map<String, Double> CHANGE_LIMIT = Map.of("heap_after_gc_mb", 8.0, "rss_mb", 32.0, "fds", 16.0, "threads", 2.0);

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        double warmup = Double.parseDouble(args[1]);
        long rows = Long.parseLong(args[2]);
        long rows200 = Long.parseLong(args[3]);
        int exit = Integer.parseInt(args[4]);
        List<String> lines = Files.readAllLines(out.resolve("samples.csv"));
        String[] header = lines.get(0).split(",");
        // the last line is the after-drain look; the steady series is the timed samples after the warm-up
        List<double[]> steady = new ArrayList<>();
        for (String line : lines.subList(1, lines.size() - 1)) {
            double[] v = java.util.Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray();
            if (v[0] >= warmup) steady.add(v);
        }
        double[] after = java.util.Arrays.stream(lines.get(lines.size() - 1).split(",")).mapToDouble(Double::parseDouble).toArray();
        JsonNode client = Json.MAPPER.readTree(out.resolve("client.json").toFile());
        long answered = client.get("answered").asLong();
        long answered200 = client.get("answered_200").asLong();

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("client", client);
        summary.put("ledger_rows", rows);
        summary.put("ledger_rows_200", rows200);
        summary.put("lost_records", answered - rows);
        summary.put("lost_records_200", answered200 - rows200);
        summary.put("ledger_dropped", (long) after[col(header, "ledger_dropped")]);
        summary.put("ledger_queue_after_drain", (long) after[col(header, "ledger_queue")]);
        summary.put("gateway_exit", exit);
        boolean flat = true;
        Map<String, Object> resources = new LinkedHashMap<>();
        for (String r : List.of("heap_after_gc_mb", "rss_mb", "fds", "threads")) {
            int c = col(header, r);
            double slope = slopePerMinute(steady, c);
            double change = mean(steady, c, steady.size() - 6, steady.size()) - mean(steady, c, 0, 6);
            boolean ok = slope <= SLOPE_LIMIT.get(r) && change <= CHANGE_LIMIT.get(r);
            flat &= ok;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("first_steady_minute", round(mean(steady, c, 0, 6)));
            m.put("last_minute", round(mean(steady, c, steady.size() - 6, steady.size())));
            m.put("slope_per_min", round(slope));
            m.put("slope_limit", SLOPE_LIMIT.get(r));
            m.put("change_limit", CHANGE_LIMIT.get(r));
            m.put("flat", ok);
            resources.put(r, m);
        }
        summary.put("resources", resources);
        boolean noLoss = answered == rows && answered200 == rows200 && after[col(header, "ledger_dropped")] == 0;
        summary.put("flat", flat);
        summary.put("zero_lost_records", noLoss);
        Files.writeString(out.resolve("summary.json"), Json.pretty(summary));
        System.out.println(Json.pretty(summary));
        System.out.println((flat ? "FLAT" : "RISING") + "; " + (noLoss ? "zero lost ledger records" : "LEDGER RECORDS LOST")
                + "; gateway exit " + exit);
        System.exit(flat && noLoss && exit == 0 ? 0 : 1);
    }

    static int col(String[] header, String name) {
        for (int i = 0; i < header.length; i++) if (header[i].equals(name)) return i;
        throw new IllegalArgumentException("no column " + name);
    }

    static double mean(List<double[]> rows, int c, int from, int to) {
        from = Math.max(0, from);
        to = Math.min(rows.size(), to);
        double s = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (rows.get(i)[c] < 0) continue;
            s += rows.get(i)[c];
            n++;
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Least-squares slope of column c against time, per minute, over the samples that have a value. */
    static double slopePerMinute(List<double[]> rows, int c) {
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (double[] r : rows) {
            if (r[c] < 0) continue;
            double x = r[0] / 60.0;
            n++;
            sx += x;
            sy += r[c];
            sxx += x * x;
            sxy += x * r[c];
        }
        double d = n * sxx - sx * sx;
        return n < 2 || d == 0 ? Double.NaN : (n * sxy - sx * sy) / d;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
