/**
 * CMDB sync: business applications become {@code Business: <application>} tags (rule type
 * {@code BUSINESS_INFORMATION}, membership source {@code cmdb}) whose criticality comes from the
 * versioned business-criticality mapping, so ACS and TruRisk follow the CMDB. A sync applies a complete
 * {@link io.regalia.core.cmdb.CmdbSnapshot} in one transaction and reports what it changed.
 */
package io.regalia.store.cmdb;
