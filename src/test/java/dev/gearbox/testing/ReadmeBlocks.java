package dev.gearbox.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a fenced {@code ```yaml NAME} block out of README.md, so tests run what the README shows. */
public final class ReadmeBlocks {
    private ReadmeBlocks() {}

    public static String yaml(String name) {
        try {
            String readme = Files.readString(Path.of("README.md"));
            String fence = "```yaml " + name + "\n";
            int start = readme.indexOf(fence);
            if (start < 0) throw new AssertionError("README.md has no ```yaml " + name + " block");
            start += fence.length();
            return readme.substring(start, readme.indexOf("```", start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
