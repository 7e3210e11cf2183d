package dev.gearbox.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hottest frames of a JFR recording's execution samples: self time (the top frame of each
 * sample) and inclusive time of Gearbox's own methods (any frame of the sample), as shares of all
 * samples. Used by bench/profile.sh.
 * <pre>java -cp ... dev.gearbox.bench.JfrTop FILE.jfr [TOP [METHOD]]</pre>
 * With METHOD (a substring of a top frame's name), prints the commonest call paths (8 frames)
 * leading to it instead; with {@code alloc}, sampled allocation by site and class; with {@code <METHOD}, what that method spends its samples in (its callees).
 */
public final class JfrTop {
    private JfrTop() {}

    public static void main(String[] args) throws IOException {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> paths = new HashMap<>();
        String focus = args.length > 2 ? args[2] : null;
        int samples = 0;
        if ("alloc".equals(focus)) {
            allocation(Path.of(args[0]), top);
            return;
        }
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) continue;
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) continue;
            samples++;
            self.merge(name(frames.get(0)), 1, Integer::sum);
            if (focus != null && focus.startsWith("<")) {
                // callees: the frame called by the first frame matching the method, per sample
                for (int i = frames.size() - 1; i > 0; i--) {
                    if (name(frames.get(i)).contains(focus.substring(1))) {
                        paths.merge(name(frames.get(i - 1)), 1, Integer::sum);
                        break;
                    }
                }
            } else if (focus != null && name(frames.get(0)).contains(focus)) {
                StringBuilder path = new StringBuilder();
                for (int i = 0; i < Math.min(8, frames.size()); i++) path.append("\n      <- ").append(name(frames.get(i)));
                paths.merge(path.toString(), 1, Integer::sum);
            }
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("-\\d+$", "-N"), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (n.startsWith("dev.gearbox.") && seen.add(n)) inclusive.merge(n, 1, Integer::sum);
            }
        }
        System.out.println("samples: " + samples);
        if (focus != null) {
            print("call paths to " + focus, paths, samples, top);
            return;
        }
        print("threads", threads, samples, top);
        print("self (top frame)", self, samples, top);
        print("inclusive (Gearbox methods)", inclusive, samples, top);
    }

    /** Sampled allocation (bytes, JFR's weights) by the first Gearbox frame of the stack and by allocated class. */
    private static void allocation(Path file, int top) throws IOException {
        Map<String, Integer> bySite = new HashMap<>();
        Map<String, Integer> byClass = new HashMap<>();
        long total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.ObjectAllocationSample") || e.getStackTrace() == null) continue;
            long w = e.getLong("weight");
            total += w;
            String site = "(outside Gearbox)";
            for (RecordedFrame f : e.getStackTrace().getFrames()) {
                if (name(f).startsWith("dev.gearbox.")) {
                    site = name(f);
                    break;
                }
            }
            int kb = (int) Math.min(Integer.MAX_VALUE, w / 1024);
            bySite.merge(site, kb, Integer::sum);
            byClass.merge(e.getClass("objectClass").getName(), kb, Integer::sum);
        }
        System.out.printf("allocated (sampled weight): %.1f MB%n", total / 1e6);
        int totalKb = (int) Math.max(1, total / 1024);
        print("allocation by first Gearbox frame", bySite, totalKb, top);
        print("allocation by class", byClass, totalKb, top);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int top) {
        System.out.println("== " + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(en -> System.out.printf("%6.2f%%  %s%n", 100.0 * en.getValue() / Math.max(1, samples), en.getKey()));
    }
}
