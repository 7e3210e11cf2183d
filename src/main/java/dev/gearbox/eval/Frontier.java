package dev.gearbox.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * RouterBench's non-decreasing convex hull of a router's cost-quality points (arXiv 2403.12031,
 * section 3): any point between two achieved points is reachable by mixing the two settings at
 * random, and nobody pays more for less, so past its best point the curve stays flat.
 * {@code vertices} are sorted by cost with quality strictly rising.
 */
public record Frontier(List<CostQuality> vertices) {
    public Frontier {
        vertices = List.copyOf(vertices);
        if (vertices.isEmpty()) throw new IllegalArgumentException("a frontier needs at least one point");
    }

    /** The upper convex hull of the points from the cheapest one up to the best one. */
    public static Frontier of(List<CostQuality> points) {
        if (points.isEmpty()) throw new IllegalArgumentException("no points to take the hull of");
        List<CostQuality> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(CostQuality::cost).thenComparing(CostQuality::quality, Comparator.reverseOrder()));
        List<CostQuality> hull = new ArrayList<>();
        for (CostQuality p : sorted) {
            if (!hull.isEmpty() && hull.getLast().cost() == p.cost()) continue; // same cost, lower quality
            while (hull.size() >= 2 && cross(hull.get(hull.size() - 2), hull.getLast(), p) >= 0) hull.removeLast();
            hull.add(p);
        }
        int best = 0;
        for (int i = 1; i < hull.size(); i++) {
            if (hull.get(i).quality() > hull.get(best).quality()) best = i;
        }
        return new Frontier(hull.subList(0, best + 1));
    }

    /** Positive when o -> a -> b turns left, i.e. a lies below the line from o to b. */
    private static double cross(CostQuality o, CostQuality a, CostQuality b) {
        return (a.cost() - o.cost()) * (b.quality() - o.quality()) - (a.quality() - o.quality()) * (b.cost() - o.cost());
    }

    /** The best quality reachable at this mean cost, or null below the cheapest point. */
    public Double qualityAt(double cost) {
        if (cost < vertices.getFirst().cost()) return null;
        for (int i = 0; i + 1 < vertices.size(); i++) {
            CostQuality a = vertices.get(i);
            CostQuality b = vertices.get(i + 1);
            if (cost <= b.cost()) return a.quality() + (b.quality() - a.quality()) * (cost - a.cost()) / (b.cost() - a.cost());
        }
        return vertices.getLast().quality();
    }

    /** The lowest mean cost at which the frontier reaches this quality, or null if it never does. */
    public Double cheapestCostReaching(double quality) {
        CostQuality first = vertices.getFirst();
        if (quality <= first.quality()) return first.cost();
        for (int i = 0; i + 1 < vertices.size(); i++) {
            CostQuality a = vertices.get(i);
            CostQuality b = vertices.get(i + 1);
            if (quality <= b.quality()) return a.cost() + (b.cost() - a.cost()) * (quality - a.quality()) / (b.quality() - a.quality());
        }
        return null;
    }

    /**
     * RouterBench's AIQ: the area under the frontier from 0 to {@code costMax}, divided by
     * {@code costMax}. As in RouterBench's {@code calc_AIQ}, the frontier is extended flat to the
     * largest cost of all curves compared and counts as zero below its cheapest point, so a curve
     * that cannot be run cheaply is not credited for the cheap range. {@code costMax} must be at
     * least the frontier's last cost and the same for every curve compared.
     */
    public double aiq(double costMax) {
        CostQuality last = vertices.getLast();
        if (costMax < last.cost()) throw new IllegalArgumentException("costMax " + costMax + " is below the frontier's last cost " + last.cost());
        if (costMax <= 0) return last.quality();
        int n = vertices.size() + 1;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < vertices.size(); i++) {
            x[i] = vertices.get(i).cost();
            y[i] = vertices.get(i).quality();
        }
        x[n - 1] = costMax;
        y[n - 1] = last.quality();
        return NumpyArithmetic.trapezoid(y, x) / costMax;
    }
}
