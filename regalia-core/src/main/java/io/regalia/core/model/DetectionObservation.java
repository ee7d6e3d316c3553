package io.regalia.core.model;

import java.time.Instant;

/** One finding on one host as a report states it. {@code status} is null when the report does not say. */
public record DetectionObservation(VulnerabilityInfo vulnerability, DetectionType type, DetectionStatus status,
                                   Integer port, Protocol protocol, Instant firstFound, Instant lastFound,
                                   String results) {}
