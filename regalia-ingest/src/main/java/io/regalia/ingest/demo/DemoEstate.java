package io.regalia.ingest.demo;

import io.regalia.core.report.ReportEvent;
import io.regalia.core.report.ReportSink;

/**
 * Generates a realistic demo or benchmark estate as report events: a header (format "inventory", source
 * "demo", scanned at 06:00Z on {@link DemoSpec#today()}, complete) and then one host per asset. Assets are
 * built and handed to the sink one at a time, so an estate of a million assets never sits in memory.
 * The same spec always yields the same events; the first N assets are the same whatever the estate size.
 */
public final class DemoEstate {
    public static final String FORMAT = "inventory";
    public static final String SOURCE = "demo";

    private DemoEstate() {}

    public static void generate(DemoSpec spec, ReportSink sink) {
        AssetFactory assets = new AssetFactory(new EstateModel(spec.today()), spec);
        sink.accept(new ReportEvent.Header(FORMAT, SOURCE, assets.scannedAt(), true));
        for (int i = 0; i < spec.assets(); i++) sink.accept(new ReportEvent.Host(assets.next(i)));
    }
}
