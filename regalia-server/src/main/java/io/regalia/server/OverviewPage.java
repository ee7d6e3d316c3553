package io.regalia.server;

import io.javalin.http.Context;
import io.regalia.store.asset.AssetSummary;
import io.regalia.store.risk.AssetExplanation;
import io.regalia.store.risk.Rollup;
import java.util.List;

/** The first page: the organization's TruRisk, assets per band, and the ten riskiest assets explained. */
final class OverviewPage {
    private final RegaliaServer.Services services;

    OverviewPage(RegaliaServer.Services services) { this.services = services; }

    void render(Context ctx) {
        Rollup org = services.rollups().organization();
        List<AssetSummary> top = services.assets().list(null, 10, 0);
        StringBuilder html = new StringBuilder(8192);
        html.append("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Regalia — risk overview</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>
                body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2330;background:#f7f8fa}
                h1{margin:0 0 1rem}.cards{display:flex;gap:1rem;flex-wrap:wrap;margin-bottom:1.5rem}
                .card{background:#fff;border-radius:8px;padding:1rem 1.25rem;box-shadow:0 1px 3px #0002;min-width:8rem}
                .card b{display:block;font-size:1.8rem}.severe b{color:#b3001b}.high b{color:#d9480f}
                .medium b{color:#c98a00}.low b{color:#2b8a3e}table{border-collapse:collapse;width:100%;background:#fff}
                th,td{text-align:left;padding:.5rem;border-bottom:1px solid #e3e6eb;vertical-align:top}
                pre{margin:0;font-size:.8rem;white-space:pre-wrap}
                </style></head><body>
                <h1>Regalia</h1>
                """);
        html.append("<div class=\"cards\">")
                .append(card("org", "Organization TruRisk", org.meanRisk(), "mean over " + org.assets() + " assets; max " + org.maxRisk()))
                .append(card("severe", "Severe (850–1000)", org.severe(), "assets"))
                .append(card("high", "High (700–849)", org.high(), "assets"))
                .append(card("medium", "Medium (500–699)", org.medium(), "assets"))
                .append(card("low", "Low (0–499)", org.low(), "assets"))
                .append("</div>");
        html.append("<p id=\"detections\">Open detections by QDS band: critical ").append(org.qdsCritical())
                .append(", high ").append(org.qdsHigh()).append(", medium ").append(org.qdsMedium())
                .append(", low ").append(org.qdsLow()).append("</p>");
        html.append("<h2>Ten riskiest assets</h2><table id=\"top\"><thead><tr><th>Asset</th><th>TruRisk</th><th>ACS</th>")
                .append("<th>Why</th></tr></thead><tbody>");
        for (AssetSummary a : top) {
            AssetExplanation why = services.risk().explain(a.id());
            html.append("<tr><td><a href=\"/api/v1/assets/").append(a.id()).append("\">").append(Html.escape(a.name()))
                    .append("</a><br><small>").append(Html.escape(a.operatingSystem())).append("</small></td><td class=\"risk\">")
                    .append(a.riskScore()).append("</td><td>").append(a.criticalityScore()).append("</td><td><pre>")
                    .append(Html.escape(why.text())).append("</pre></td></tr>");
        }
        html.append("</tbody></table></body></html>");
        ctx.html(html.toString());
    }

    private static String card(String cls, String title, long value, String note) {
        return "<div class=\"card " + cls + "\">" + Html.escape(title) + "<b>" + value + "</b><small>" + Html.escape(note)
                + "</small></div>";
    }
}
