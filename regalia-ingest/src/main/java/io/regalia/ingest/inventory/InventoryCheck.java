package io.regalia.ingest.inventory;

import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportEvent;

import java.util.List;

/**
 * What {@link InventoryJsonReader#validate} found. {@code header} is null when the document broke before it;
 * {@code assets} and {@code detections} count the valid assets; {@code invalidAssets} counts all bad ones while
 * {@code errors} keeps the first problems (bad assets, then any fatal error last).
 */
public record InventoryCheck(ReportEvent.Header header, long assets, long detections, long invalidAssets,
                             List<BadInputException> errors, List<ReportEvent.Warning> warnings) {
    public InventoryCheck {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** True when {@link InventoryJsonReader#read} would import every asset without error. */
    public boolean valid() {
        return errors.isEmpty();
    }
}
