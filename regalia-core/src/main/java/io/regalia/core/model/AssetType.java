package io.regalia.core.model;

public enum AssetType { HOST, CLOUD_INSTANCE, CONTAINER, NETWORK_DEVICE, WEB_APP, UNKNOWN }
