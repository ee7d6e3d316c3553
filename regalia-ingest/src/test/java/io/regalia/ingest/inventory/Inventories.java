package io.regalia.ingest.inventory;

import io.regalia.core.report.ReportEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Fixture access and event collection for the inventory tests. */
final class Inventories {
    private Inventories() {}

    static Path fixture(String name) {
        try {
            return Path.of(Inventories.class.getResource("/inventory/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("fixture missing: " + name, e);
        }
    }

    static Path write(Path dir, String json) {
        try {
            return Files.writeString(Files.createTempFile(dir, "inventory", ".json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ReportEvent> events(Path file) {
        return events(new InventoryJsonReader(), file);
    }

    static List<ReportEvent> events(InventoryJsonReader reader, Path file) {
        List<ReportEvent> events = new ArrayList<>();
        reader.read(file, events::add);
        return events;
    }

    /** A document around the given asset objects. */
    static String document(String... assets) {
        return "{\"format\": \"regalia-inventory/1\", \"source\": \"test\", \"assets\": [" + String.join(",", assets) + "]}";
    }
}
