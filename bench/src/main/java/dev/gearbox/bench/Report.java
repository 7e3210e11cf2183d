package dev.gearbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the raw measurements of one run (a JSON line per system and phase, written by run.sh) into
 * {@code latest.json} (per system: throughput_rps, added_p50_ms, added_p99_ms, added_p999_ms,
 * stream_ttfb_added_ms, stream_ttft_added_ms (first token), stream_total_added_ms, cpu_s_per_10k, rss_mb, errors) and a Markdown
 * table with the ratios against nginx and Portkey. "Added" is the system's figure minus the direct
 * call's measured in the same seconds (LoadGen {@code --direct}); without that, minus system {@code none}'s.
 *
 * <p>Usage: {@code Report RAW.jsonl OUT.json OUT.md META_JSON}
 */
public final class Report {
    public static void main(String[] args) throws Exception {
        Map<String, Map<String, JsonNode>> raw = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isBlank()) continue;
            JsonNode n = Json.MAPPER.readTree(line);
            raw.computeIfAbsent(n.get("system").asText(), k -> new LinkedHashMap<>()).put(n.get("phase").asText(), n);
        }
        JsonNode meta = Json.MAPPER.readTree(args[3]);
        Map<String, JsonNode> none = raw.getOrDefault("none", Map.of());
        Map<String, Object> systems = new LinkedHashMap<>();
        long errors = 0;
        for (var e : raw.entrySet()) {
            Map<String, JsonNode> p = e.getValue();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("throughput_rps", num(p, "throughput", "rps"));
            s.put("added_p50_ms", added(p, none, "latency", "p50_ms"));
            s.put("added_p99_ms", added(p, none, "latency", "p99_ms"));
            s.put("added_p999_ms", added(p, none, "latency", "p999_ms"));
            s.put("stream_ttfb_added_ms", added(p, none, "stream", "ttfb_p50_ms"));
            s.put("stream_ttft_added_ms", added(p, none, "stream", "ttft_p50_ms"));
            s.put("stream_total_added_ms", added(p, none, "stream", "total_p50_ms"));
            s.put("cpu_s_per_10k", num(p, "proc", "cpu_s_per_10k"));
            s.put("rss_mb", num(p, "proc", "rss_mb"));
            s.put("latency_p50_ms", num(p, "latency", "p50_ms"));
            s.put("latency_p99_ms", num(p, "latency", "p99_ms"));
            s.put("latency_p999_ms", num(p, "latency", "p999_ms"));
            s.put("stream_ttfb_p50_ms", num(p, "stream", "ttfb_p50_ms"));
            s.put("stream_ttft_p50_ms", num(p, "stream", "ttft_p50_ms"));
            s.put("stream_total_p50_ms", num(p, "stream", "total_p50_ms"));
            long errs = 0;
            for (JsonNode n : p.values()) errs += n.path("errors").asLong(0);
            s.put("errors", errs);
            if (!e.getKey().equals("none")) errors += errs;
            systems.put(e.getKey(), s);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("meta", meta);
        out.put("systems", systems);
        Files.writeString(Path.of(args[1]), Json.pretty(out) + "\n");
        Files.writeString(Path.of(args[2]), markdown(meta, systems));
        System.out.print(markdown(meta, systems));
        if (errors > 0) System.err.println("bench: " + errors + " failed requests through the proxies (see raw results)");
    }

    static Double num(Map<String, JsonNode> p, String phase, String field) {
        JsonNode n = p.get(phase);
        return n == null || !n.has(field) ? null : round(n.get(field).asDouble());
    }

    /** The paired figure LoadGen measured against the direct call in the same seconds when there is one, else the system's minus none's. */
    static Double added(Map<String, JsonNode> p, Map<String, JsonNode> none, String phase, String field) {
        Double paired = num(p, phase, "added_" + field);
        if (paired != null) return paired;
        Double v = num(p, phase, field), base = num(none, phase, field);
        return v == null || base == null ? null : round(v - base);
    }

    static Double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    @SuppressWarnings("unchecked")
    static String markdown(JsonNode meta, Map<String, Object> systems) {
        StringBuilder b = new StringBuilder();
        b.append("Run ").append(meta.path("date").asText()).append(" on ").append(meta.path("cores").asText())
                .append(" cores (").append(meta.path("cpu").asText()).append("), mode `")
                .append(meta.path("mode").asText()).append("`: `").append(meta.path("command").asText()).append("`")
                .append(meta.has("commit") ? " at commit " + meta.path("commit").asText() : "").append("\n\n");
        if (meta.has("stream_warm_seconds")) {
            b.append("Streams measured after ").append(meta.path("stream_warm_seconds").asText())
                    .append(" s of concurrent streams (warm-up, not measured, the same for every system).\n\n");
        }
        List<String> cols = List.of("throughput_rps", "added_p50_ms", "added_p99_ms", "added_p999_ms",
                "stream_ttfb_added_ms", "stream_ttft_added_ms", "stream_total_added_ms", "cpu_s_per_10k", "rss_mb", "errors");
        b.append("| system | ").append(String.join(" | ", cols)).append(" |\n|---");
        b.append("|---".repeat(cols.size())).append("|\n");
        for (var e : systems.entrySet()) {
            Map<String, Object> s = (Map<String, Object>) e.getValue();
            b.append("| ").append(e.getKey());
            for (String c : cols) b.append(" | ").append(s.get(c) == null ? "-" : s.get(c));
            b.append(" |\n");
        }
        Map<String, Object> g = (Map<String, Object>) systems.get("gearbox");
        if (g != null) {
            b.append("\nRatios (Gearbox against each peer, same run):\n\n");
            for (String peer : List.of("nginx", "vertx", "portkey")) {
                Map<String, Object> p = (Map<String, Object>) systems.get(peer);
                if (p == null) continue;
                b.append("- throughput vs ").append(peer).append(": ")
                        .append(ratio(g.get("throughput_rps"), p.get("throughput_rps"))).append("x; CPU per request: ")
                        .append(ratio(g.get("cpu_s_per_10k"), p.get("cpu_s_per_10k"))).append("x; RSS: ")
                        .append(ratio(g.get("rss_mb"), p.get("rss_mb"))).append("x\n");
            }
        }
        Map<String, Object> floor = (Map<String, Object>) systems.get("vertx");
        Map<String, Object> nginx = (Map<String, Object>) systems.get("nginx");
        if (floor != null && nginx != null) {
            b.append("- the Vert.x floor (no gateway logic) vs nginx: throughput ")
                    .append(ratio(floor.get("throughput_rps"), nginx.get("throughput_rps"))).append("x; CPU per request: ")
                    .append(ratio(floor.get("cpu_s_per_10k"), nginx.get("cpu_s_per_10k"))).append("x\n");
        }
        return b.toString();
    }

    static String ratio(Object a, Object b) {
        if (!(a instanceof Double x) || !(b instanceof Double y) || y == 0) return "-";
        return String.format("%.2f", x / y);
    }
}
