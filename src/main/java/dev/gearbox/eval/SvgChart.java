package dev.gearbox.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small hand-written SVG line chart: lines with optional markers, labelled dots, dashed
 * horizontal reference lines, axes with round-number ticks, and a legend beside the plot.
 */
final class SvgChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;
    private static final int LEFT = 72;
    private static final int RIGHT = 300;
    private static final int TOP = 44;
    private static final int BOTTOM = 58;
    private static final int TICKS = 6;
    /** Longest legend entry before it is cut with an ellipsis, in characters. */
    private static final int LEGEND_CHARS = 40;

    /** One line on the chart; {@code dash} is an SVG dash array or null for a solid line. */
    record Series(String name, String color, String dash, double width, boolean markers, List<double[]> points) {}

    /** A dashed horizontal line across the plot, such as a single model's quality. */
    record Level(String name, String color, double y) {}

    /** A labelled point, such as one model used alone. */
    record Dot(String label, String color, double x, double y) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Level> levels = new ArrayList<>();
    private final List<Dot> dots = new ArrayList<>();
    private Double xMinFixed;
    private Double xMaxFixed;

    SvgChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    SvgChart xRange(double min, double max) {
        xMinFixed = min;
        xMaxFixed = max;
        return this;
    }

    SvgChart add(Series s) {
        if (!s.points().isEmpty()) series.add(s);
        return this;
    }

    SvgChart add(Level l) {
        levels.add(l);
        return this;
    }

    SvgChart add(Dot d) {
        dots.add(d);
        return this;
    }

    String render() {
        double[] xs = range(true);
        double[] ys = range(false);
        double[] xTicks = ticks(xs[0], xs[1]);
        double[] yTicks = ticks(ys[0], ys[1]);
        double x0 = Math.min(xs[0], xTicks[0]);
        double x1 = Math.max(xs[1], xTicks[xTicks.length - 1]);
        double y0 = Math.min(ys[0], yTicks[0]);
        double y1 = Math.max(ys[1], yTicks[yTicks.length - 1]);
        Frame f = new Frame(x0, x1, y0, y1);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">%n",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", LEFT, esc(title)));
        axes(svg, f, xTicks, yTicks);
        for (Level l : levels) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/>%n",
                    f.px(x0), f.py(l.y()), f.px(x1), f.py(l.y()), l.color()));
        }
        for (Series s : series) line(svg, f, s);
        for (Dot d : dots) {
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>%n", f.px(d.x()), f.py(d.y()), d.color()));
            if (d.label().isEmpty()) continue;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#444\">%s</text>%n", f.px(d.x()) + 5, f.py(d.y()) - 5, esc(d.label())));
        }
        legend(svg);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private record Frame(double x0, double x1, double y0, double y1) {
        double px(double x) {
            return LEFT + (x1 == x0 ? 0.5 : (x - x0) / (x1 - x0)) * (WIDTH - LEFT - RIGHT);
        }

        double py(double y) {
            return HEIGHT - BOTTOM - (y1 == y0 ? 0.5 : (y - y0) / (y1 - y0)) * (HEIGHT - TOP - BOTTOM);
        }
    }

    private void axes(StringBuilder svg, Frame f, double[] xTicks, double[] yTicks) {
        double left = f.px(f.x0());
        double right = f.px(f.x1());
        double top = f.py(f.y1());
        double bottom = f.py(f.y0());
        for (double t : xTicks) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e6e6e6\"/>%n", f.px(t), top, f.px(t), bottom));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#333\">%s</text>%n", f.px(t), bottom + 16, label(t, xTicks)));
        }
        for (double t : yTicks) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e6e6e6\"/>%n", left, f.py(t), right, f.py(t)));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#333\">%s</text>%n", left - 6, f.py(t) + 4, label(t, yTicks)));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#333\"/>%n", left, top, right - left, bottom - top));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", (left + right) / 2, HEIGHT - 16, esc(xLabel)));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(18 %.1f) rotate(-90)\" text-anchor=\"middle\">%s</text>%n", (top + bottom) / 2, esc(yLabel)));
    }

    private static void line(StringBuilder svg, Frame f, Series s) {
        StringBuilder pts = new StringBuilder();
        for (double[] p : s.points()) pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", f.px(p[0]), f.py(p[1])));
        svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"%s stroke-linejoin=\"round\"/>%n",
                pts.toString().trim(), s.color(), s.width(), s.dash() == null ? "" : " stroke-dasharray=\"" + s.dash() + "\""));
        if (!s.markers()) return;
        for (double[] p : s.points()) {
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.8\" fill=\"%s\"/>%n", f.px(p[0]), f.py(p[1]), s.color()));
        }
    }

    private void legend(StringBuilder svg) {
        double x = WIDTH - RIGHT + 18;
        double y = TOP + 8;
        for (Series s : series) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n",
                    x, y, x + 26, y, s.color(), s.width(), s.dash() == null ? "" : " stroke-dasharray=\"" + s.dash() + "\""));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", x + 34, y + 4, esc(shorten(s.name()))));
            y += 20;
        }
        for (Level l : levels) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/>%n",
                    x, y, x + 26, y, l.color()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", x + 34, y + 4, esc(shorten(l.name()))));
            y += 20;
        }
    }

    private double[] range(boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double[] p : s.points()) {
                lo = Math.min(lo, x ? p[0] : p[1]);
                hi = Math.max(hi, x ? p[0] : p[1]);
            }
        }
        for (Dot d : dots) {
            lo = Math.min(lo, x ? d.x() : d.y());
            hi = Math.max(hi, x ? d.x() : d.y());
        }
        if (!x) {
            for (Level l : levels) {
                lo = Math.min(lo, l.y());
                hi = Math.max(hi, l.y());
            }
        }
        if (x && xMinFixed != null) return new double[] {xMinFixed, xMaxFixed};
        if (lo > hi) return new double[] {0, 1};
        if (lo == hi) return new double[] {lo - 0.5, hi + 0.5};
        if (!x) {
            double pad = (hi - lo) * 0.04;
            return new double[] {lo - pad, hi + pad};
        }
        return new double[] {Math.min(0, lo), hi};
    }

    /** Round-number ticks covering [lo, hi]: steps of 1, 2 or 5 times a power of ten. */
    static double[] ticks(double lo, double hi) {
        double raw = (hi - lo) / (TICKS - 1);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude * (raw / magnitude <= 1 ? 1 : raw / magnitude <= 2 ? 2 : raw / magnitude <= 5 ? 5 : 10);
        double first = Math.floor(lo / step) * step;
        double last = Math.ceil(hi / step - 1e-9) * step;
        int n = (int) Math.round((last - first) / step) + 1;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = first + i * step;
        return out;
    }

    private static String label(double value, double[] ticks) {
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
        int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(value) < step / 1e6 ? 0.0 : value);
    }

    private static String shorten(String s) {
        return s.length() <= LEGEND_CHARS ? s : s.substring(0, LEGEND_CHARS - 1) + "\u2026";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
