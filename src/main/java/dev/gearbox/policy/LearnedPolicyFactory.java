package dev.gearbox.policy;

import dev.gearbox.config.ConfigNode;
import dev.gearbox.config.PolicyConfig;
import dev.gearbox.learn.LearnedRouter;
import dev.gearbox.learn.RouterFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a {@code type: learned} policy and loads its router file (blocking; policies are built at
 * start and on reload, off the event loops). The operating point is one of {@code strong_share}
 * (the share of traffic sent to the strong target), {@code quality} (the fraction of the strong
 * model's quality to keep, at the fewest strong calls) or a raw {@code threshold}.
 * <pre>
 * - name: learned
 *   type: learned
 *   router: routers/ours.router.json   # default: the router shipped with Gearbox
 *   strong: {tier: frontier}
 *   weak: {tier: efficient}
 *   quality: 0.95                       # or strong_share: 0.3, or threshold: 0.02
 * </pre>
 */
public final class LearnedPolicyFactory implements PolicyFactory {
    public static final String TYPE = "learned";
    public static final double DEFAULT_STRONG_SHARE = 0.3;

    @Override
    public Policy create(PolicyConfig config, PolicySetup setup) {
        ConfigNode body = config.body();
        body.allowOnly("name", "type", "version", "router", "strong", "weak", "strong_share", "quality", "threshold");
        LearnedRouter router = load(body);
        int points = (body.has("strong_share") ? 1 : 0) + (body.has("quality") ? 1 : 0) + (body.has("threshold") ? 1 : 0);
        if (points > 1) throw body.error("give one operating point", "use strong_share, quality or threshold, not several");
        double threshold;
        String op;
        if (body.has("threshold")) {
            threshold = body.require("threshold").asDouble();
            op = "threshold";
        } else if (body.has("quality")) {
            double q = body.require("quality").asDouble();
            if (!(q > 0 && q <= 1)) throw body.require("quality").error("quality is a fraction of the strong model's, in (0, 1]", "e.g. quality: 0.95");
            threshold = router.thresholdForQuality(q);
            op = String.format(Locale.ROOT, "%.0f%% of strong quality", 100 * q);
        } else {
            double s = body.has("strong_share") ? body.require("strong_share").asDouble() : DEFAULT_STRONG_SHARE;
            if (!(s >= 0 && s <= 1)) throw body.require("strong_share").error("strong_share is a fraction of traffic, in [0, 1]", "e.g. strong_share: 0.3");
            threshold = router.thresholdForStrongShare(s);
            op = String.format(Locale.ROOT, "%.0f%% strong", 100 * s);
        }
        Target strong = side(body, "strong", config.name(), setup);
        Target weak = side(body, "weak", config.name(), setup);
        // the ledger records which router decided: by default the version names the router file's training run
        String version = body.string("version", router.provenance() != null && router.provenance().created() != null
                ? "router@" + router.provenance().created() : "1");
        return new LearnedPolicy(config.name(), version, router, threshold, op, strong, weak, setup.fleet(),
                setup.policies());
    }

    private static Target side(ConfigNode body, String key, String self, PolicySetup setup) {
        ConfigNode n = body.get(key);
        if (n == null || n.isNull()) {
            throw body.error("a learned policy needs a `" + key + "` target", "e.g. " + key + ": {tier: " + (key.equals("strong") ? "frontier" : "efficient") + "}");
        }
        n.allowOnly("model", "tier", "policy", "fallbacks");
        return RulesPolicyFactory.target(n, self, setup);
    }

    /** The router the policy names (a file, re-read when it changes), or the shipped default. */
    static LearnedRouter load(ConfigNode body) {
        if (!body.has("router")) return RouterFile.shipped();
        ConfigNode node = body.require("router");
        Path file = Path.of(node.asString().trim());
        if (!Files.isRegularFile(file)) throw node.error("router file " + file + " does not exist", "train one with ./gearbox train --data ... --out " + file);
        try {
            return RouterFile.read(file);
        } catch (IOException | RuntimeException e) {
            throw node.error("cannot read router file " + file + ": " + e.getMessage(), "train it again with ./gearbox train");
        }
    }
}
