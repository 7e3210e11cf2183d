package dev.gearbox.app;

import dev.gearbox.embed.Embedder;
import dev.gearbox.eval.ProgressBar;
import dev.gearbox.eval.Routeset;
import dev.gearbox.eval.RoutesetExamples;
import dev.gearbox.eval.RoutesetItem;
import dev.gearbox.learn.Example;
import dev.gearbox.learn.LearnedRouter;
import dev.gearbox.learn.QualityExample;
import dev.gearbox.learn.QualityRouter;
import dev.gearbox.learn.QualityRouterFile;
import dev.gearbox.learn.QualityTrainer;
import dev.gearbox.learn.RouterFile;
import dev.gearbox.learn.Trainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gearbox train}: fits a learned router from routeset files and writes it for
 * {@code type: learned} policies. Deterministic for a seed; prints the held-out calibration.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a learned router from routeset files (prompts with each model's score).",
                "Two-model sets (and --from-ledger) give a strong/weak router for type: learned; sets of several models give a "
                        + "quality router for type: cost-aware with quality: learned."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", arity = "1..*", paramLabel = "FILE.jsonl",
            description = "Routesets to learn from (their .meta.json beside them). A set with a train split contributes only that split.")
    List<Path> data = new ArrayList<>();

    @Option(names = "--strong-weak", description = "Train a strong/weak router (for type: learned) even from sets of several "
            + "models: each such set contributes its best model on average against its cheapest, as gearbox eval --policy learned does.")
    boolean strongWeak;

    @Option(names = "--from-ledger", description = "Also learn from the gateway's own shadow tests and feedback (needs ledger.redact: full to keep prompt text).")
    boolean fromLedger;

    @Option(names = "--config", paramLabel = "gearbox.yaml", description = "With --from-ledger: the config whose ledger to read (default: the demo's).")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "ROUTER.json", description = "Where to write the router.")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for the shuffle and the held-out split (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--k", defaultValue = "100", description = "Neighbours per estimate (default: ${DEFAULT-VALUE}; 40 for a quality router).")
    int k;

    @Option(names = "--max-examples", defaultValue = "20000", description = "Most prompts kept as neighbours (default: ${DEFAULT-VALUE}).")
    int maxExamples;

    private static final int DEFAULT_K = 100;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        List<Example> examples = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Embedder e = Embedder.shared();
        List<Routeset> sets = new ArrayList<>();
        for (Path p : data) sets.add(Routeset.load(p));
        long multi = sets.stream().filter(s -> !s.meta().twoModel()).count();
        if (multi > 0 && !strongWeak) {
            if (multi < sets.size() || fromLedger) {
                throw new CommandLine.ParameterException(spec.commandLine(), "train one kind of router at a time: routesets of several "
                        + "models make a quality router (for cost-aware policies), two-model sets and --from-ledger a strong/weak router");
            }
            return trainQuality(sets, e, o);
        }
        for (Routeset set : sets) {
            boolean hasTrain = set.items().stream().anyMatch(i -> "train".equals(i.split()));
            List<RoutesetItem> items = hasTrain ? set.split("train").items() : set.items();
            RoutesetExamples.Pair pair = RoutesetExamples.pair(set);
            ProgressBar bar = ProgressBar.toStderr("embed " + set.name(), items.size());
            List<Example> ex = RoutesetExamples.of(set, items, e, bar);
            bar.finish();
            o.printf(Locale.ROOT, "%s: %d prompts (%s), strong %s vs weak %s%n", set.name(), ex.size(), hasTrain ? "train split" : "all",
                    pair.strong(), pair.weak());
            examples.addAll(ex);
            names.add(set.name() + (hasTrain ? ":train" : ""));
        }
        if (fromLedger) {
            dev.gearbox.config.LedgerConfig lc = config == null ? dev.gearbox.config.LedgerConfig.DEFAULTS
                    : dev.gearbox.config.ConfigLoader.load(config, System::getenv, Gateway.providerKinds()).ledger();
            try (dev.gearbox.ledger.LedgerStore store = dev.gearbox.ledger.LedgerStore.open(lc)) {
                List<Example> own = LedgerExamples.read(store.dataSource(), e, o);
                examples.addAll(own);
                names.add("ledger:" + own.size());
            }
        }
        if (examples.isEmpty()) throw new CommandLine.ParameterException(spec.commandLine(), "give --data routesets and/or --from-ledger");
        Trainer.Settings d = Trainer.Settings.DEFAULTS;
        Trainer.Result r = new Trainer(new Trainer.Settings(k, d.power(), d.lambda(), d.holdoutShare(), d.innerFolds(), maxExamples))
                .fit(examples, names, seed);
        LearnedRouter router = r.router();
        o.printf(Locale.ROOT, "%n%s%n", r.recipe().describe());
        o.printf(Locale.ROOT, "%nHeld-out calibration (%d prompts): Brier score %.4f (always 0.5 would score 0.25)%n",
                router.provenance().holdout(), r.brier());
        o.printf(Locale.ROOT, "%-12s %8s %12s %12s%n", "P(strong)", "prompts", "predicted", "observed");
        for (double[] b : r.reliability()) {
            o.printf(Locale.ROOT, "%.1f-%.1f    %8d %12.3f %12.3f%n", b[0], b[1], (int) b[2], b[3], b[4]);
        }
        o.printf(Locale.ROOT, "%nOperating points on held-out prompts:%n");
        for (double q : new double[] {0.90, 0.95, 0.99}) {
            double t = router.thresholdForQuality(q);
            LearnedRouter.Point p = router.curve().stream().filter(x -> x.threshold() == t).findFirst().orElseThrow();
            o.printf(Locale.ROOT, "  quality: %.2f  -> %.0f%% strong calls (threshold %.4f)%n", q, 100 * p.strongShare(), t);
        }
        RouterFile.write(router, out);
        o.printf(Locale.ROOT, "%nWrote %s (%d neighbours, seed %d)%n", out, router.neighbours().size(), seed);
        o.flush();
        return 0;
    }

    /** Several models per prompt: a {@link QualityRouter} over the models every set scores, for {@code quality: learned}. */
    private int trainQuality(List<Routeset> sets, Embedder e, PrintWriter o) throws java.io.IOException {
        List<String> models = new ArrayList<>(sets.get(0).meta().modelNames());
        for (Routeset s : sets) models.retainAll(s.meta().modelNames());
        if (models.size() < 2) throw new CommandLine.ParameterException(spec.commandLine(), "the routesets share fewer than two models: " + models);
        List<QualityExample> examples = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Routeset set : sets) {
            boolean hasTrain = set.items().stream().anyMatch(i -> "train".equals(i.split()));
            List<RoutesetItem> items = hasTrain ? set.split("train").items() : set.items();
            ProgressBar bar = ProgressBar.toStderr("embed " + set.name(), items.size());
            List<QualityExample> ex = RoutesetExamples.scored(set, items, models, e, bar);
            bar.finish();
            o.printf(Locale.ROOT, "%s: %d prompts (%s) scored on every one of %d models%n", set.name(), ex.size(),
                    hasTrain ? "train split" : "all", models.size());
            examples.addAll(ex);
            names.add(set.name() + (hasTrain ? ":train" : ""));
        }
        QualityRouter.Settings d = QualityRouter.Settings.DEFAULTS;
        QualityTrainer.Result r = new QualityTrainer(k == DEFAULT_K ? d : d.withK(k))
                .fit(examples, models, names, seed);
        QualityTrainer.Holdout h = r.holdout();
        o.printf(Locale.ROOT, "%nHeld out (%d prompts, scored by a router trained on the rest):%n", h.prompts());
        o.printf(Locale.ROOT, "%-36s %8s%n", "model", "Brier");
        for (int m = 0; m < models.size(); m++) o.printf(Locale.ROOT, "%-36s %8.4f%n", models.get(m), h.brier()[m]);
        o.printf(Locale.ROOT, "best single model %s: %.3f; each prompt to its best predicted model: %.3f; oracle: %.3f%n",
                h.bestSingle(), h.bestSingleQuality(), h.routedQuality(), h.oracleQuality());
        QualityRouterFile.write(r.router(), out);
        o.printf(Locale.ROOT, "%nWrote %s (a quality router over %d models, %d neighbours, seed %d): use it with type: cost-aware, "
                + "quality: learned, router: %s%n", out, models.size(), r.router().size(), seed, out);
        o.flush();
        return 0;
    }
}
