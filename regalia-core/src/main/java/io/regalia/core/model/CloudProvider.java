package io.regalia.core.model;

public enum CloudProvider { AWS, AZURE, GCP, OCI, IBM }
