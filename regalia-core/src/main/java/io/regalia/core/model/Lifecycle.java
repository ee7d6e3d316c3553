package io.regalia.core.model;

import java.time.LocalDate;

public record Lifecycle(LifecycleStage stage, LocalDate eol, LocalDate eos) {}
