// Offline experiment (not part of the build): per routeset of ../shared/data/routing, the word-piece ids of
// every prompt (/tmp/st/NAME.ids) and, with "mini", MiniLM's embedding under the semantic policy's default
// limit (head-tail 48; /tmp/st/NAME.mini), for agreement.py (docs/semantic-judge-cascade.md, "A static embedder").
//   java --enable-native-access=ALL-UNNAMED -cp ../../../target/gearbox.jar:/tmp/st Tok mini routellm-mtbench \
//     routellm-gsm8k llmrouter-dcrouter alpaca-eval                  (about 30 s; routellm-mmlu adds a minute)
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.*;
import dev.gearbox.embed.*;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.*;
import java.nio.*;
import java.nio.file.*;
import java.util.*;

public class Tok {
    public static void main(String[] a) throws Exception {
        ObjectMapper om = new ObjectMapper();
        HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json"), Map.of("padding", "false", "truncation", "false"));
        Embedder e = Embedder.shared();
        boolean mini = a[0].equals("mini");
        for (String name : Arrays.copyOfRange(a, 1, a.length)) {
            List<String> lines = Files.readAllLines(Path.of("/work/shared/data/routing/" + name + ".jsonl"));
            DataOutputStream ids = new DataOutputStream(new BufferedOutputStream(new FileOutputStream("/tmp/st/" + name + ".ids")));
            ByteBuffer emb = ByteBuffer.allocate(mini ? lines.size() * 384 * 4 : 4).order(ByteOrder.LITTLE_ENDIAN);
            long t0 = System.nanoTime();
            for (String l : lines) {
                String p = om.readTree(l).path("prompt").asText();
                if (p.isBlank()) p = ".";
                String clip = p.length() > 20000 ? p.substring(0, 20000) : p;
                long[] t = tok.encode(clip, true, false).getIds();
                int n = Math.min(t.length, 2048);
                ids.writeInt(Integer.reverseBytes(n));
                for (int i = 0; i < n; i++) ids.writeInt(Integer.reverseBytes((int) t[i]));
                if (mini) for (float f : e.embed(p, TokenLimit.headTail(48))) emb.putFloat(f);
            }
            ids.close();
            if (mini) Files.write(Path.of("/tmp/st/" + name + ".mini"), emb.array());
            System.out.printf("%s: %d prompts in %.1f s%n", name, lines.size(), (System.nanoTime() - t0) / 1e9);
        }
    }
}
