// Offline experiment (not part of the build): distils the raw static token table from all-MiniLM-L6-v2
// (each word piece alone between [CLS] and [SEP], mean-pooled) into /tmp/st/mean.f32, for agreement.py.
// The gateway's own distillation is StaticEmbedder/TokenTable; this is the same first step. Argument: batch size
// (1 = exact, as StaticEmbedder does; 512 shares the dynamic quantization scale and moves rows by ~2%).
//   mkdir -p /tmp/st && javac -cp ../../../target/gearbox.jar -d /tmp/st Distill.java Tok.java
//   java --enable-native-access=ALL-UNNAMED -cp ../../../target/gearbox.jar:/tmp/st Distill 1
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.*;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.*;
import java.nio.*;
import java.nio.file.*;
import java.util.*;

public class Distill {
    public static void main(String[] a) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        o.setIntraOpNumThreads(2);
        byte[] model = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream("/all-minilm-l6-v2-q.onnx").readAllBytes();
        OrtSession s = env.createSession(model, o);
        int V = 30522, D = 384, B = Integer.parseInt(a[0]);
        ByteBuffer mean = ByteBuffer.allocate(V * D * 4).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer mid = ByteBuffer.allocate(V * D * 4).order(ByteOrder.LITTLE_ENDIAN);
        long t0 = System.nanoTime();
        for (int start = 0; start < V; start += B) {
            int n = Math.min(B, V - start);
            long[] ids = new long[n * 3], ones = new long[n * 3], zeros = new long[n * 3];
            for (int i = 0; i < n; i++) { ids[3*i] = 101; ids[3*i+1] = start + i; ids[3*i+2] = 102; }
            Arrays.fill(ones, 1);
            long[] shape = {n, 3};
            try (OnnxTensor x = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                 OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shape);
                 OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(zeros), shape);
                 OrtSession.Result r = s.run(Map.of("input_ids", x, "attention_mask", m, "token_type_ids", t))) {
                FloatBuffer h = ((OnnxTensor) r.get(0)).getFloatBuffer();
                for (int i = 0; i < n; i++) {
                    for (int d = 0; d < D; d++) {
                        float a0 = h.get((3*i) * D + d), a1 = h.get((3*i+1) * D + d), a2 = h.get((3*i+2) * D + d);
                        mean.putFloat((a0 + a1 + a2) / 3f);
                        mid.putFloat(a1);
                    }
                }
            }
        }
        System.out.printf("distilled %d tokens in %.1f s%n", V, (System.nanoTime() - t0) / 1e9);
        Files.write(Path.of("/tmp/st/mean.f32"), mean.array());
        
    }
}
