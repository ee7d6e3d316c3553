package io.regalia.store.tag;

import java.util.List;

/**
 * What saving a rule would do, computed by saving it in a transaction that is then rolled back: how many
 * assets match, which join and leave the tag, and how each affected asset's ACS and TruRisk would move.
 */
public record Preview(long matching, List<AssetRef> added, List<AssetRef> removed, List<ScoreChange> scores,
                      Totals totals) {

    public record AssetRef(long id, String name) {}

    /** One asset's scores before and after; only assets where either moves are listed. */
    public record ScoreChange(long id, String name, int acsBefore, int acsAfter, int riskBefore, int riskAfter) {}

    /** Sums over the listed assets: how many change, and TruRisk summed before and after. */
    public record Totals(int assetsChanged, int acsRaised, int acsLowered, long riskBefore, long riskAfter) {}
}
