package io.regalia.core.model;

public record NetworkInterface(String address, String hostname, String macAddress) {}
