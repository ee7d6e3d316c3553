/**
 * What Regalia knows about an estate, as immutable records: hosts and what was observed on them
 * (software, ports, interfaces, cloud facts), vulnerabilities and detections. Readers produce these;
 * the store persists them.
 */
package io.regalia.core.model;
