package io.regalia.core.model;

public record OpenPort(int port, Protocol protocol, String serviceName) {}
