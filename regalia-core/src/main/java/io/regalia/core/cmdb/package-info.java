/**
 * Business context as a CMDB states it: business applications with their criticality and owner,
 * configuration items (servers, computers) and the relations that say which items run which application.
 * CMDB readers produce a {@link io.regalia.core.cmdb.CmdbSnapshot}; the store turns it into business tags.
 */
package io.regalia.core.cmdb;
