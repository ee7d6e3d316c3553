package io.regalia.store.tag;

import io.regalia.core.report.BadInputException;

/** A tag request that cannot be honoured: unknown tag, duplicate name, invalid value. */
public final class TagException extends BadInputException {
    private final Kind kind;

    public enum Kind { NOT_FOUND, CONFLICT, INVALID }

    public TagException(Kind kind, String message) {
        super(null, message);
        this.kind = kind;
    }

    public Kind kind() { return kind; }
}
