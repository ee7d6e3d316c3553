/**
 * CMDB connectors that read business context into a {@link io.regalia.core.cmdb.CmdbSnapshot}, never
 * touching the database: the ServiceNow Table API over HTTP ({@link io.regalia.ingest.cmdb.ServiceNowClient})
 * and a CSV file of application, criticality and host ({@link io.regalia.ingest.cmdb.CmdbCsvReader}).
 * Secrets come from files or the environment and never appear in a message.
 */
package io.regalia.ingest.cmdb;
