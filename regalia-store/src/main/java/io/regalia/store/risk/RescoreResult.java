package io.regalia.store.risk;

/** What a full rescore went over and how many stored scores it changed. */
public record RescoreResult(int vulnerabilities, int assets, int changed) {}
