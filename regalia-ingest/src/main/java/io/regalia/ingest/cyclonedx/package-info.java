/** CycloneDX BOMs with vulnerabilities, JSON or XML, specification 1.2 to 1.6. */
package io.regalia.ingest.cyclonedx;
