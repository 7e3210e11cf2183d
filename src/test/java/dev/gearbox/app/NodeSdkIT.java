package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.testing.TestGateway;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official {@code openai} Node SDK (v6, pinned in src/test/node/package-lock.json), unmodified,
 * against the gateway: src/test/node/contract.mjs checks every field it reads. Node and npm are
 * required (CI has Node 20): their absence fails the build instead of skipping.
 */
class NodeSdkIT {
    static final Path DIR = Path.of("src/test/node");

    static String run(List<String> cmd, long seconds) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).as("%s did not finish", cmd).isTrue();
        assertThat(p.exitValue()).as("%s failed:%n%s", cmd, out).isZero();
        return out;
    }

    @Test
    void theOfficialNodeSdkWorksUnchanged() throws Exception {
        if (!Files.isDirectory(DIR.resolve("node_modules/openai"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        }
        try (TestGateway gw = TestGateway.start(TestGateway.SIMULATED_FLEET)) {
            String out = run(List.of("node", "contract.mjs", gw.baseUrl() + "/v1"), 120);
            assertThat(out).contains("node openai SDK contract: all checks passed");
        }
    }
}
