package dev.gearbox.eval;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.Json;
import dev.gearbox.config.ConfigException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A routeset: prompts with every model's recorded score, loaded from {@code <name>.jsonl} and the
 * {@code <name>.meta.json} beside it. Files are read line by line so large sets (MMLU, 14k lines)
 * stream; a bad line fails with the file and line number.
 */
public record Routeset(RoutesetMeta meta, List<RoutesetItem> items) {
    /** The split that holds every item. */
    public static final String ALL = "all";

    public Routeset {
        items = List.copyOf(items);
    }

    /** Loads a routeset file and, when present, its meta file. */
    public static Routeset load(Path jsonl) {
        String file = jsonl.getFileName().toString();
        String name = file.endsWith(".jsonl") ? file.substring(0, file.length() - ".jsonl".length()) : file;
        List<RoutesetItem> items = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                items.add(RoutesetJson.item(line, jsonl.toString(), lineNo));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read routeset " + jsonl + ": " + e.getMessage(), e);
        }
        if (items.isEmpty()) {
            throw new ConfigException(jsonl.toString(), 0, null, "the routeset has no items", "give a .jsonl file with one prompt per line");
        }
        Path metaFile = jsonl.resolveSibling(name + ".meta.json");
        RoutesetMeta meta = Files.isRegularFile(metaFile) ? readMeta(metaFile, name, items) : RoutesetJson.metaFromItems(name, items);
        return new Routeset(meta, items);
    }

    private static RoutesetMeta readMeta(Path metaFile, String name, List<RoutesetItem> items) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(metaFile, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(metaFile.toString(), line, null, "not valid JSON: " + e.getOriginalMessage(), "fix the meta file's syntax");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metaFile + ": " + e.getMessage(), e);
        }
        return RoutesetJson.meta(root, metaFile.toString(), name, items);
    }

    /** The routeset's name (its file name without {@code .jsonl}). */
    public String name() {
        return meta.name();
    }

    /** Number of prompts. */
    public int size() {
        return items.size();
    }

    /** The items of one split ({@code train} or {@code test}), or all of them for {@value #ALL}. */
    public Routeset split(String split) {
        if (ALL.equals(split)) return this;
        List<RoutesetItem> kept = items.stream().filter(i -> split.equals(i.split())).toList();
        if (kept.isEmpty()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (RoutesetItem i : items) counts.merge(i.split(), 1, Integer::sum);
            throw new IllegalArgumentException("routeset " + name() + " has no items in split '" + split + "'; it has " + counts + " (or use " + ALL + ")");
        }
        return new Routeset(meta, kept);
    }
}
