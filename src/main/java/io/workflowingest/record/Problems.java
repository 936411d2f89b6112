package io.workflowingest.record;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one record. RECORD.md asks for every problem to be reported; a
 * hostile record could hold a million NUL strings, so past {@link #MAX_LISTED} the rest are
 * counted and summed up in one last problem instead of listed one by one.
 */
final class Problems {
    static final int MAX_LISTED = 100;

    private final List<Problem> listed = new ArrayList<>();
    private int omitted;

    void add(String pointer, String message) {
        if (listed.size() < MAX_LISTED) {
            listed.add(new Problem(pointer, message));
        } else {
            omitted++;
        }
    }

    boolean isEmpty() {
        return listed.isEmpty();
    }

    /** How many problems were added so far, listed or not. */
    int count() {
        return listed.size() + omitted;
    }

    RecordRejectedException toException() {
        List<Problem> all = new ArrayList<>(listed);
        if (omitted > 0) {
            all.add(new Problem(Pointers.ROOT, omitted + " more problems were found and are not listed; "
                    + "fix the ones above and send the record again."));
        }
        return new RecordRejectedException(all);
    }

    static RecordRejectedException single(String pointer, String message) {
        return new RecordRejectedException(List.of(new Problem(pointer, message)));
    }
}
