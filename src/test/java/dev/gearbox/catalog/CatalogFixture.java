package dev.gearbox.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The small test catalog in src/test/resources, so tests do not depend on the shipped prices. */
public final class CatalogFixture {
    public static final String RESOURCE = "/dev/gearbox/catalog/test-catalog.yaml";

    private CatalogFixture() {}

    public static String text() {
        try (InputStream in = CatalogFixture.class.getResourceAsStream(RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Catalog catalog() {
        return Catalog.load(text(), "test-catalog.yaml");
    }
}
