package io.regalia.core.model;

public enum Protocol { TCP, UDP }
