package io.workflowingest.record;

import static io.workflowingest.record.TestJson.STRICT;
import static io.workflowingest.record.TestJson.message;
import static io.workflowingest.record.TestJson.rejected;
import static io.workflowingest.record.TestJson.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** API.md "Ingest", batch: a JSON array or NDJSON; a bad element fails alone. */
class BatchSplitTest {
    private static final StrictJson SMALL = new StrictJson(new RecordLimits(4, 40, 400, 3));

    private static List<Boolean> oks(List<BatchItem> items) {
        return items.stream().map(BatchItem::ok).toList();
    }

    private static List<Integer> indices(List<BatchItem> items) {
        return items.stream().map(BatchItem::index).toList();
    }

    @Test
    void arrayIsSplitIntoItsElementsInOrder() {
        List<BatchItem> items = STRICT.splitArray(utf8(" [ {\"workflow_id\": \"a\"} ,\n{\"workflow_id\": \"b\", \"x\": [1, {\"y\": \"]}\"}]}\t]\n"));
        assertEquals(List.of(0, 1), indices(items));
        assertEquals("a", items.get(0).node().get("workflow_id").textValue());
        assertEquals("]}", items.get(1).node().get("x").get(1).get("y").textValue());
        assertTrue(items.get(1).problems().isEmpty());
    }

    @Test
    void emptyArrayHasNoItems() {
        assertEquals(List.of(), STRICT.splitArray(utf8(" [ ] ")));
    }

    @Test
    void stringsWithEscapedQuotesAndBracketsDoNotConfuseTheSplitter() {
        List<BatchItem> items = STRICT.splitArray(utf8("[{\"a\": \"\\\"[{\\\\\"}, {\"b\": \"\\\\\"}]"));
        assertEquals(List.of(true, true), oks(items));
        assertEquals("\"[{\\", items.get(0).node().get("a").textValue());
        assertEquals("\\", items.get(1).node().get("b").textValue());
    }

    @Test
    void badElementsFailAloneAndTheOthersStillParse() {
        String body = "[{\"ok\": 0},"
                + " {\"a\": 1, \"a\": 2},"          // 1 duplicate key
                + " {\"ok\": 2},"
                + " {\"lr\": NaN},"                 // 3 NaN
                + " [1, 2],"                        // 4 not an object
                + " \"text\","                      // 5 not an object
                + " {\"s\": \"\\ud800\"},"          // 6 lone surrogate
                + " " + "[".repeat(70) + "]".repeat(70) + "," // 7 too deep
                + " {\"ok\": 8},"
                + " tru,"                           // 9 not even a literal
                + " {\"a\": 01}]";                  // 10 bad number
        List<BatchItem> items = STRICT.splitArray(utf8(body));
        assertEquals(List.of(true, false, true, false, false, false, false, false, true, false, false), oks(items));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), indices(items));
        for (BatchItem item : items) {
            if (!item.ok()) {
                assertNull(item.node());
                assertEquals("", item.problems().get(0).pointer());
            }
        }
        assertTrue(items.get(1).problems().get(0).message().contains("\"a\""));
        assertTrue(items.get(4).problems().get(0).message().contains("must be one JSON object"));
        assertTrue(items.get(4).problems().get(0).message().contains("an array"));
        assertTrue(items.get(7).problems().get(0).message().contains("deeper than 64"));
        assertEquals(8, items.get(8).node().get("ok").intValue());
    }

    @Test
    void elementOverTheRecordLimitFailsAlone() {
        List<BatchItem> items = SMALL.splitArray(utf8("[{\"a\": \"" + "x".repeat(40) + "\"}, {\"b\": 1}]"));
        assertEquals(List.of(false, true), oks(items));
        assertTrue(items.get(0).problems().get(0).message().contains("limit is 40 bytes"));
    }

    @Test
    void invalidUtf8InsideAnElementFailsThatElementAlone() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(utf8("[{\"a\": \""));
        body.write(0xC0);
        body.write(0xAF);
        body.writeBytes(utf8("\"}, {\"b\": 1}]"));
        List<BatchItem> items = STRICT.splitArray(body.toByteArray());
        assertEquals(List.of(false, true), oks(items));
        assertTrue(items.get(0).problems().get(0).message().contains("UTF-8"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",                             // empty
        "   ",                          // blank
        "{\"workflow_id\": \"a\"}",     // an object, not an array
        "workflow_id=5f1c",             // not JSON
        "[{\"a\": 1}",                  // truncated after an element
        "[{\"a\": 1},",                 // truncated after a comma
        "[{\"a\": \"x",                 // truncated inside a string
        "[{\"a\": [1, 2}",              // truncated inside nesting
        "[{\"a\": 1}] x",               // trailing content
        "[{\"a\": 1}] []",              // two arrays
        "[{\"a\": 1},]",                // trailing comma
        "[,{\"a\": 1}]",                // leading comma
        "[{\"a\": 1} {\"b\": 2}]",      // missing comma
        "[{\"a\": 1]",                  // mismatched bracket
        "[[1}]",                        // mismatched brace
        "[{\"a\": 1}:]",                // stray colon
    })
    void bodyThatCannotBeSplitIsRejectedWhole(String body) {
        RecordRejectedException e = rejected(() -> STRICT.splitArray(utf8(body)));
        assertFalse(e instanceof BatchTooLargeException);
        assertEquals("", e.problems().get(0).pointer());
    }

    @Test
    void invalidUtf8OutsideTheElementsRejectsTheBody() {
        byte[] body = {'[', (byte) 0xFF, '{', '}', ']'};
        assertEquals(1, STRICT.splitArray(new byte[] {'[', '{', '}', ']'}).size());
        // 0xFF where an element starts is an element of its own, failing alone ...
        assertEquals(List.of(false), oks(STRICT.splitArray(new byte[] {'[', (byte) 0xFF, ']'})));
        // ... but before '[' or after ']' it is no array at all.
        rejected(() -> STRICT.splitArray(new byte[] {(byte) 0xFF, '[', ']'}));
        rejected(() -> STRICT.splitArray(new byte[] {'[', ']', (byte) 0xFF}));
        rejected(() -> STRICT.splitArray(body));
    }

    @Test
    void objectBodyMessageSaysWhatToSend() {
        String m = message(rejected(() -> STRICT.splitArray(utf8("{\"workflow_id\": \"a\"}"))));
        assertTrue(m.contains("must be a JSON array"), m);
    }

    @Test
    void moreElementsThanTheLimitIsBatchTooLarge() {
        assertEquals(3, SMALL.splitArray(utf8("[{}, {}, {}]")).size());
        BatchTooLargeException e = assertThrows(BatchTooLargeException.class,
                () -> SMALL.splitArray(utf8("[{}, {}, {}, {}]")));
        assertTrue(message(e).contains("more than 3 records"), message(e));
        assertInstanceOf(RecordRejectedException.class, e);
    }

    @Test
    void tooManyElementsStopsCountingEarly() {
        // The 4th element starts, so the batch is too large, even though the body is truncated later.
        assertThrows(BatchTooLargeException.class, () -> SMALL.splitArray(utf8("[{}, {}, {}, {}, {\"a\": ")));
    }

    @Test
    void defaultLimitIsAThousandRecords() {
        String thousand = "[" + "{},".repeat(999) + "{}]";
        assertEquals(1000, STRICT.splitArray(utf8(thousand)).size());
        assertThrows(BatchTooLargeException.class, () -> STRICT.splitArray(utf8("[" + "{},".repeat(1000) + "{}]")));
    }

    @Test
    void bodyOverTheRequestLimitIsBatchTooLarge() {
        byte[] body = utf8("[" + "{},".repeat(133) + "{}]"); // 403 bytes, limit 400
        assertThrows(BatchTooLargeException.class, () -> SMALL.splitArray(body));
        assertThrows(BatchTooLargeException.class, () -> SMALL.splitNdjson(body));
    }

    @Test
    void ndjsonHasOneRecordPerLine() {
        List<BatchItem> items = STRICT.splitNdjson(utf8("{\"n\": 0}\n{\"n\": 1}\r\n{\"n\": 2}"));
        assertEquals(List.of(0, 1, 2), indices(items));
        assertEquals(List.of(0, 1, 2), items.stream().map(i -> i.node().get("n").intValue()).toList());
    }

    @Test
    void ndjsonBlankLinesAreIgnoredAndNotCounted() {
        List<BatchItem> items = STRICT.splitNdjson(utf8("\n  \n{\"n\": 0}\n\t\r\n\r\n{\"n\": 1}\n\n"));
        assertEquals(List.of(0, 1), indices(items));
        assertEquals(1, items.get(1).node().get("n").intValue());
    }

    @Test
    void ndjsonBadLineFailsAloneAndIndicesCountNonBlankLines() {
        List<BatchItem> items = STRICT.splitNdjson(utf8("{\"n\": 0}\n\n{\"n\": \n[1]\n{\"a\": 1, \"a\": 1}\n{\"n\": 4}\n"));
        assertEquals(List.of(true, false, false, false, true), oks(items));
        assertEquals(List.of(0, 1, 2, 3, 4), indices(items));
        assertTrue(items.get(2).problems().get(0).message().contains("Each NDJSON line must be one JSON object"));
    }

    @Test
    void ndjsonPrettyPrintedRecordFailsLineByLine() {
        List<BatchItem> items = STRICT.splitNdjson(utf8("{\n\"a\": 1\n}\n"));
        assertEquals(List.of(false, false, false), oks(items));
    }

    @Test
    void ndjsonEmptyBodyHasNoItems() {
        assertEquals(List.of(), STRICT.splitNdjson(utf8("")));
        assertEquals(List.of(), STRICT.splitNdjson(utf8("\n \r\n")));
    }

    @Test
    void ndjsonLimitCountsNonBlankLinesOnly() {
        assertEquals(3, SMALL.splitNdjson(utf8("{}\n\n{}\n \n{}\n\n\n")).size());
        BatchTooLargeException e = assertThrows(BatchTooLargeException.class,
                () -> SMALL.splitNdjson(utf8("{}\n{}\n{}\n{}")));
        assertTrue(message(e).contains("more than 3 records"));
    }

    @Test
    void ndjsonLineOverTheRecordLimitFailsAlone() {
        List<BatchItem> items = SMALL.splitNdjson(utf8("{\"a\": \"" + "x".repeat(40) + "\"}\n{}"));
        assertEquals(List.of(false, true), oks(items));
    }

    @Test
    void ndjsonByteOrderMarkAtTheStartIsIgnored() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0xEF);
        body.write(0xBB);
        body.write(0xBF);
        body.writeBytes(utf8("{\"n\": 0}\n"));
        assertEquals(List.of(true), oks(STRICT.splitNdjson(body.toByteArray())));
    }

    @Test
    void batchItemHasANodeOrProblemsNeverBoth() {
        assertThrows(IllegalArgumentException.class, () -> new BatchItem(0, null, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new BatchItem(0, TestJson.json("{}"), List.of(new Problem("", "x"))));
        assertTrue(new BatchItem(0, TestJson.json("{}"), null).ok());
    }
}
