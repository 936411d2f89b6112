package io.workflowingest.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Shared helpers for the record tests: JSON from text, and assertions on rejections. */
final class TestJson {
    static final RecordLimits LIMITS = RecordLimits.defaults();
    static final StrictJson STRICT = new StrictJson(LIMITS);
    static final WorkflowRecords RECORDS = new WorkflowRecords(LIMITS);
    static final ObjectMapper MAPPER = new ObjectMapper();

    private TestJson() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Parses with StrictJson (exact decimals), so expected and actual trees compare equal. */
    static JsonNode json(String text) {
        return STRICT.parseRecord(utf8(text));
    }

    static ObjectNode object(String text) {
        return (ObjectNode) json(text);
    }

    /** Record JSON with single quotes for readability: {'a': 1} becomes {"a": 1}. */
    static ObjectNode record(String singleQuoted) {
        return object(singleQuoted.replace('\'', '"'));
    }

    static ObjectNode normalize(String singleQuoted) {
        return RECORDS.normalize(record(singleQuoted));
    }

    static RecordRejectedException rejected(Executable call) {
        return assertThrows(RecordRejectedException.class, call);
    }

    static List<String> pointers(RecordRejectedException e) {
        return e.problems().stream().map(Problem::pointer).toList();
    }

    /** Asserts the call is rejected with exactly these pointers, in this order. */
    static RecordRejectedException assertPointers(Executable call, String... expected) {
        RecordRejectedException e = rejected(call);
        assertEquals(List.of(expected), pointers(e), () -> "problems: " + e.problems());
        return e;
    }

    static String message(RecordRejectedException e) {
        return e.problems().get(0).message();
    }
}
