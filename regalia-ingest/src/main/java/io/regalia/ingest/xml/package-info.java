/**
 * Reading untrusted XML reports safely and in bounded memory: the hardened Woodstox setup
 * ({@link io.regalia.ingest.xml.SecureXml}), a located cursor that turns parser failures into
 * {@link io.regalia.core.report.BadInputException}s ({@link io.regalia.ingest.xml.XmlCursor}), and the
 * drafts the scanner readers fill one host and one finding at a time.
 */
package io.regalia.ingest.xml;
