package dev.gearbox.embed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a distilled token table is kept between starts: one file per recipe in a directory
 * ({@code GEARBOX_CACHE_DIR}, else {@code $XDG_CACHE_HOME/gearbox}, else {@code ~/.cache/gearbox}).
 * The file is a small header (magic, recipe, rows, columns) and the values as little-endian floats;
 * it is written to a temporary name and moved into place, so a reader never sees half a table, and
 * a file that does not match is distilled again. When the directory cannot be written the table is
 * kept in memory only (and distilled again on the next start), with a warning.
 */
public final class TokenTableCache {
    private static final Logger LOG = LoggerFactory.getLogger(TokenTableCache.class);
    private static final int MAGIC = 0x47425854; // "GBXT"
    private static final int HEADER = 16;

    private final Path dir;

    public TokenTableCache(Path dir) {
        this.dir = dir;
    }

    /** The directory from the environment, as the class comment says. */
    public static TokenTableCache standard() {
        String own = System.getenv("GEARBOX_CACHE_DIR");
        if (own != null && !own.isBlank()) return new TokenTableCache(Path.of(own));
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new TokenTableCache(base.resolve("gearbox"));
    }

    Path file(int recipe) {
        return dir.resolve("minilm-l6-v2-q-static-r" + recipe + ".f32");
    }

    /** The cached table of this recipe and shape, or {@code distil}'s (then cached). */
    public float[] load(int recipe, int rows, int cols, Supplier<float[]> distil) {
        Path f = file(recipe);
        float[] known = read(f, recipe, rows, cols);
        if (known != null) return known;
        float[] fresh = distil.get();
        if (fresh.length != rows * cols) throw new IllegalStateException("distilled " + fresh.length + " values, expected " + rows + " x " + cols);
        write(f, recipe, rows, cols, fresh);
        return fresh;
    }

    private static float[] read(Path f, int recipe, int rows, int cols) {
        if (!Files.isRegularFile(f)) return null;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long expected = HEADER + 4L * rows * cols;
            if (ch.size() != expected) {
                LOG.warn("ignoring {}: {} bytes, expected {}", f, ch.size(), expected);
                return null;
            }
            ByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, expected).order(ByteOrder.LITTLE_ENDIAN);
            if (b.getInt() != MAGIC || b.getInt() != recipe || b.getInt() != rows || b.getInt() != cols) {
                LOG.warn("ignoring {}: not a token table of recipe {} and shape {} x {}", f, recipe, rows, cols);
                return null;
            }
            float[] out = new float[rows * cols];
            b.asFloatBuffer().get(out);
            return out;
        } catch (IOException e) {
            LOG.warn("cannot read the cached token table {}: {}", f, e.toString());
            return null;
        }
    }

    private static void write(Path f, int recipe, int rows, int cols, float[] values) {
        try {
            Files.createDirectories(f.getParent());
            Path tmp = Files.createTempFile(f.getParent(), f.getFileName().toString(), ".tmp");
            try {
                ByteBuffer b = ByteBuffer.allocate(HEADER + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
                b.putInt(MAGIC).putInt(recipe).putInt(rows).putInt(cols);
                b.asFloatBuffer().put(values);
                Files.write(tmp, b.array());
                try {
                    Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("cannot cache the token table in {} ({}); it is kept in memory and distilled again on the next start "
                    + "(set GEARBOX_CACHE_DIR to a writable directory)", f.getParent(), e.toString());
        }
    }
}
