package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.testing.TestGateway;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's client snippets, exactly as written there (only the gateway address swapped for a
 * test gateway's): each Java block under "Use with ..." is compiled and run, the JavaScript block
 * is run with Node and the pinned SDK. A snippet that no longer compiles or fails fails the build.
 */
class ReadmeSnippetsIT {
    static final Map<String, String> IMPORTS = Map.of(
            "OpenAIOkHttpClient", "import com.openai.client.*; import com.openai.client.okhttp.*; import com.openai.models.chat.completions.*;",
            "AnthropicOkHttpClient", "import com.anthropic.client.*; import com.anthropic.client.okhttp.*; import com.anthropic.models.messages.*;",
            "OpenAiChatModel model = OpenAiChatModel", "import dev.langchain4j.model.openai.*;",
            "OpenAiApi api", "import org.springframework.ai.openai.*; import org.springframework.ai.openai.api.*;");
    static TestGateway gw;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        gw = TestGateway.start(TestGateway.SIMULATED_FLEET);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static List<String> blocks(String lang) throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("### Use with the OpenAI SDK"), readme.indexOf("## Endpoints"));
        List<String> out = new ArrayList<>();
        String fence = "```" + lang + "\n";
        for (int i = section.indexOf(fence); i >= 0; i = section.indexOf(fence, i + 1)) {
            int start = i + fence.length();
            out.add(section.substring(start, section.indexOf("```", start)));
        }
        return out;
    }

    @Test
    void everyJavaSnippetCompilesAndRuns() throws Exception {
        List<String> snippets = blocks("java");
        assertThat(snippets).hasSize(4);
        int before = gw.records().size();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        for (int n = 0; n < snippets.size(); n++) {
            String code = snippets.get(n).replace("http://127.0.0.1:8080", gw.baseUrl());
            String imports = IMPORTS.entrySet().stream().filter(e -> code.contains(e.getKey())).map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new AssertionError("no imports known for snippet:\n" + code));
            String cls = "ReadmeSnippet" + n;
            Path src = dir.resolve(cls + ".java");
            Files.writeString(src, imports + "\npublic class " + cls + " { public static void run() throws Exception {\n" + code + "\n} }\n");
            int rc = javac.run(null, null, null, "-cp", System.getProperty("java.class.path"), "-d", dir.toString(), src.toString());
            assertThat(rc).as("README snippet %d does not compile:%n%s", n, code).isZero();
            try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
                loader.loadClass(cls).getMethod("run").invoke(null);
            }
        }
        // each snippet made one request through the gateway
        org.awaitility.Awaitility.await().until(() -> gw.records().size() >= before + snippets.size());
    }

    @Test
    void theJavaScriptSnippetRuns() throws Exception {
        List<String> js = blocks("js");
        assertThat(js).hasSize(1);
        Path node = Path.of("src/test/node");
        if (!Files.isDirectory(node.resolve("node_modules/openai"))) {
            // output piped, never inherited: the forked test JVM's stdout is failsafe's channel
            NodeSdkIT.run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        }
        Path script = node.resolve("readme-snippet.mjs");
        Files.writeString(script, js.get(0).replace("http://127.0.0.1:8080", gw.baseUrl()) + "\nconsole.log('snippet ok');\n");
        try {
            Process p = new ProcessBuilder("node", script.getFileName().toString()).directory(node.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("snippet ok");
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
