package dev.gearbox.eval;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.chat.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an evaluation to a directory: {@code decisions.jsonl} (one line per prompt),
 * {@code summary.json} (the summary record) and {@code curve.svg} (the policy's curve against
 * the baselines), so a result can be inspected, diffed and shown without rerunning it.
 */
public final class EvalReport {
    public static final String DECISIONS = "decisions.jsonl";
    public static final String SUMMARY = "summary.json";
    public static final String CURVE = "curve.svg";

    private static final String POLICY_COLOR = "#1f63b4";
    private static final Map<String, String[]> BASELINE_STYLE = Map.of(
            "random", new String[] {"#8c8c8c", "5 4"},
            "length", new String[] {"#e6862e", "2 3"},
            "optimal", new String[] {"#2a9d3a", "9 4"},
            "oracle", new String[] {"#2a9d3a", "9 4"});

    private EvalReport() {}

    /** Writes a two-model run; each prompt's model is the one chosen at the summary's decision threshold. */
    public static void writeTwoModel(Path dir, TwoModelSummary summary, List<RoutesetItem> items, double[] pStrong) {
        List<ObjectNode> lines = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            ObjectNode line = Json.MAPPER.createObjectNode();
            line.put("id", items.get(i).id());
            line.put("model", pStrong[i] >= summary.decisionThreshold() ? summary.strong() : summary.weak());
            line.put("p_strong", pStrong[i]);
            lines.add(line);
        }
        write(dir, summary, lines, twoModelSvg(summary));
    }

    /** Writes a multi-model run; {@code models} holds each prompt's model at the summary's decision lambda. */
    public static void writeMultiModel(Path dir, MultiModelSummary summary, List<RoutesetItem> items, List<String> models) {
        List<ObjectNode> lines = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            ObjectNode line = Json.MAPPER.createObjectNode();
            line.put("id", items.get(i).id());
            line.put("model", models.get(i));
            line.put("lambda", summary.decisionLambda());
            lines.add(line);
        }
        write(dir, summary, lines, multiModelSvg(summary));
    }

    private static void write(Path dir, Object summary, List<ObjectNode> decisions, String svg) {
        try {
            Files.createDirectories(dir);
            try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(DECISIONS), StandardCharsets.UTF_8)) {
                ObjectWriter compact = Json.MAPPER.writer();
                for (ObjectNode line : decisions) {
                    out.write(compact.writeValueAsString(line));
                    out.write('\n');
                }
            }
            Files.writeString(dir.resolve(SUMMARY), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(CURVE), svg, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the evaluation report to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Quality against % strong calls for the policy and each baseline, with both models' own quality. */
    static String twoModelSvg(TwoModelSummary s) {
        SvgChart chart = new SvgChart(s.routeset() + ": " + s.policy() + " (" + s.prompts() + " prompts)",
                "Strong model calls (%)", "Quality (mean score)").xRange(0, 100);
        s.baselines().forEach((name, m) -> {
            if (name.equals(s.policy())) return; // the policy's own line says the same
            String[] style = BASELINE_STYLE.getOrDefault(name, new String[] {"#7a4fb0", "3 3"});
            chart.add(new SvgChart.Series(name + apgr(m), style[0], style[1], 1.6, false, curve(m)));
        });
        chart.add(new SvgChart.Series(s.policy() + apgr(s.metrics()), POLICY_COLOR, null, 2.4, true, curve(s.metrics())));
        chart.add(new SvgChart.Level("strong: " + s.strong(), "#c0392b", s.metrics().strongQuality()));
        chart.add(new SvgChart.Level("weak: " + s.weak(), "#555555", s.metrics().weakQuality()));
        return chart.render();
    }

    /** Quality against mean cost for the policy, the oracle and the zero router, with each model alone. */
    static String multiModelSvg(MultiModelSummary s) {
        SvgChart chart = new SvgChart(s.routeset() + ": " + s.policy() + " (" + s.prompts() + " prompts)",
                "Mean cost per prompt (USD)", "Quality (mean score)");
        chart.add(new SvgChart.Series("zero router" + aiq(s.zeroRouterAiq()), "#8c8c8c", "5 4", 1.6, false, frontier(s.zeroRouter(), s.costMax())));
        s.baselines().forEach((name, m) -> {
            if (m.points().size() < 2) {
                LambdaPoint p = m.points().getFirst();
                boolean isASingleModel = s.singles().stream().anyMatch(x -> x.cost() == p.cost() && x.quality() == p.quality());
                if (!isASingleModel && !name.equals(s.policy())) chart.add(new SvgChart.Dot(name, "#7a4fb0", p.cost(), p.quality()));
                return;
            }
            String[] style = BASELINE_STYLE.getOrDefault(name, new String[] {"#7a4fb0", "3 3"});
            chart.add(new SvgChart.Series(name + aiq(m.aiq()), style[0], style[1], 1.6, false, frontier(m.frontier(), s.costMax())));
        });
        chart.add(new SvgChart.Series(s.policy() + aiq(s.metrics().aiq()), POLICY_COLOR, null, 2.4, false, frontier(s.metrics().frontier(), s.costMax())));
        for (LambdaPoint p : s.metrics().points()) chart.add(new SvgChart.Dot("", "#9bb7dd", p.cost(), p.quality()));
        for (SingleModel m : s.singles()) chart.add(new SvgChart.Dot(m.model(), "#333333", m.cost(), m.quality()));
        return chart.render();
    }

    private static List<double[]> curve(TwoModelMetrics m) {
        return m.points().stream().map(p -> new double[] {p.strongPercent(), p.quality()}).toList();
    }

    private static List<double[]> frontier(Frontier f, double costMax) {
        List<double[]> pts = new ArrayList<>(f.vertices().stream().map(v -> new double[] {v.cost(), v.quality()}).toList());
        double[] last = pts.getLast();
        if (costMax > last[0]) pts.add(new double[] {costMax, last[1]});
        return pts;
    }

    private static String apgr(TwoModelMetrics m) {
        return String.format(Locale.ROOT, " (APGR %.3f)", m.apgr());
    }

    private static String aiq(double aiq) {
        return String.format(Locale.ROOT, " (AIQ %.3f)", aiq);
    }
}
