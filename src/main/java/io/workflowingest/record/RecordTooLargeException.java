package io.workflowingest.record;

import java.util.List;

/**
 * A single record over {@code ingest.limits.record-bytes}, rejected before it is parsed
 * (RECORD.md "Validation"). Distinct so that the HTTP layer can answer 413 as API.md asks for
 * "too large"; inside a batch it is just the problem of one item.
 */
public class RecordTooLargeException extends RecordRejectedException {
    private static final long serialVersionUID = 1L;

    public RecordTooLargeException(String message) {
        super(List.of(new Problem("", message)));
    }
}
