/** What every report reader shares: the reader contract, and the timestamps reports write. */
package io.regalia.ingest.report;
