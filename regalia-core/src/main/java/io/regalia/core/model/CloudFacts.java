package io.regalia.core.model;

public record CloudFacts(CloudProvider provider, String region, String accountId, String instanceId,
                         String imageId, String publicIpAddress) {}
