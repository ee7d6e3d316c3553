package io.regalia.core.intel;

import java.time.LocalDate;

/**
 * One CISA Known Exploited Vulnerabilities entry. {@code dueDate} is null when the catalog gives none;
 * {@code ransomware} is true when knownRansomwareCampaignUse is "Known".
 */
public record KevEntry(String cveId, String vendorProject, String product, LocalDate dateAdded, LocalDate dueDate,
                       boolean ransomware) {}
