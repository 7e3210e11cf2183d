// Offline experiment (not part of the build): embeds every prompt of ../shared/data/routing with
// Gearbox's own embedder (MiniLM, whole prompt) and PromptFeatures, into /tmp/emb/NAME.f32 and .feat,
// for exp.py and knn.py (docs/routing-quality.md, "Out-of-domain: what transfers", 2026-12-07).
//   cd scripts/experiments/ood && mkdir -p /tmp/emb && javac -cp ../../../target/gearbox.jar -d /tmp/emb Dump.java
//   java --enable-native-access=ALL-UNNAMED -cp ../../../target/gearbox.jar:/tmp/emb Dump routellm-mtbench \
//     routellm-gsm8k arena-bench-v1 alpaca-eval llmrouter-dcrouter routellm-mmlu      (about 3 minutes)
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.embed.Embedder;
import dev.gearbox.learn.PromptFeatures;
import java.io.*;
import java.nio.*;
import java.nio.file.*;
import java.util.*;

public class Dump {
    public static void main(String[] a) throws Exception {
        ObjectMapper om = new ObjectMapper();
        Embedder e = Embedder.shared();
        for (String name : a) {
            List<String> lines = Files.readAllLines(Path.of("/work/shared/data/routing/" + name + ".jsonl"));
            ByteBuffer emb = ByteBuffer.allocate(lines.size() * 384 * 4).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer feat = ByteBuffer.allocate(lines.size() * PromptFeatures.NAMES.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            long t0 = System.nanoTime();
            for (String l : lines) {
                JsonNode n = om.readTree(l);
                String p = n.path("prompt").asText();
                for (float f : e.embed(p)) emb.putFloat(f);
                for (double d : PromptFeatures.of(p)) feat.putDouble(d);
            }
            Files.write(Path.of("/tmp/emb/" + name + ".f32"), emb.array());
            Files.write(Path.of("/tmp/emb/" + name + ".feat"), feat.array());
            System.out.printf("%s %d prompts %.1f s%n", name, lines.size(), (System.nanoTime() - t0) / 1e9);
        }
        System.exit(0);
    }
}
