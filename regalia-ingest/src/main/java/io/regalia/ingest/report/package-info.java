/** What every report reader shares: the reader contract, the timestamps reports write, and text as it can be stored. */
package io.regalia.ingest.report;
