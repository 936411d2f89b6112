package io.workflowingest.record;

import static io.workflowingest.record.TestJson.STRICT;
import static io.workflowingest.record.TestJson.message;
import static io.workflowingest.record.TestJson.rejected;
import static io.workflowingest.record.TestJson.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** StrictJson.parseRecord: RECORD.md "Validation", first rule (the body is not valid JSON). */
class StrictJsonTest {

    private static byte[] withBytes(String before, int[] bytes, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(before));
        for (int b : bytes) {
            out.write(b);
        }
        out.writeBytes(utf8(after));
        return out.toByteArray();
    }

    private static RecordRejectedException rejectedParse(byte[] body) {
        RecordRejectedException e = rejected(() -> STRICT.parseRecord(body));
        assertEquals(1, e.problems().size(), () -> e.problems().toString());
        assertEquals("", e.problems().get(0).pointer());
        return e;
    }

    private static RecordRejectedException rejectedParse(String body) {
        return rejectedParse(utf8(body));
    }

    @Test
    void parsesAnObjectKeepingKeyOrderAndTypes() {
        JsonNode node = STRICT.parseRecord(utf8("{\"b\": 1, \"a\": [true, null, \"x\"]}"));
        assertEquals(List.of("b", "a"), List.copyOf(node.properties().stream().map(e -> e.getKey()).toList()));
        assertEquals(3, node.get("a").size());
    }

    @Test
    void floatsAreExactBigDecimalsNeverRounded() {
        JsonNode node = STRICT.parseRecord(utf8(
                "{\"t\": 1785848405.0038288, \"p\": 0.10, \"e\": 1e400, \"tiny\": 4.9e-400}"));
        assertInstanceOf(DecimalNode.class, node.get("t"));
        assertEquals("1785848405.0038288", node.get("t").decimalValue().toPlainString());
        assertEquals(new BigDecimal("0.10"), node.get("p").decimalValue()); // scale 2 kept, equals() checks it
        assertEquals(new BigDecimal("1e400"), node.get("e").decimalValue());
        assertEquals(new BigDecimal("4.9e-400"), node.get("tiny").decimalValue());
    }

    @Test
    void integersAreIntLongOrBigInteger() {
        JsonNode node = STRICT.parseRecord(utf8("{\"i\": 5, \"l\": 3000000000, \"b\": 123456789012345678901234567890}"));
        assertInstanceOf(IntNode.class, node.get("i"));
        assertInstanceOf(LongNode.class, node.get("l"));
        assertInstanceOf(BigIntegerNode.class, node.get("b"));
        assertEquals(new BigInteger("123456789012345678901234567890"), node.get("b").bigIntegerValue());
    }

    @Test
    void anyJsonValueParsesWhetherOrNotItIsAnObject() {
        assertTrue(STRICT.parseRecord(utf8("[1, 2]")).isArray());
        assertTrue(STRICT.parseRecord(utf8(" \"text\" ")).isTextual());
    }

    @Test
    void nulCharacterEscapesParseValidationRejectsThem() {
        assertEquals("a\u0000b", STRICT.parseRecord(utf8("{\"k\": \"a\\u0000b\"}")).get("k").textValue());
    }

    @Test
    void pairedSurrogateEscapesAndRawAstralCharactersAreValid() {
        JsonNode node = STRICT.parseRecord(utf8("{\"e\": \"\\ud83d\\ude00\", \"r\": \"\uD83D\uDE00\"}"));
        assertEquals("\uD83D\uDE00", node.get("e").textValue());
        assertEquals("\uD83D\uDE00", node.get("r").textValue());
    }

    @Test
    void utf8ByteOrderMarkAtTheStartIsIgnored() {
        JsonNode node = STRICT.parseRecord(withBytes("", new int[] {0xEF, 0xBB, 0xBF}, "{\"a\": 1}"));
        assertEquals(1, node.get("a").intValue());
    }

    @Test
    void invalidUtf8IsRejected() {
        int[][] invalid = {
            {0xFF},                   // never valid
            {0x80},                   // continuation byte without a lead
            {0xC0, 0xAF},             // overlong '/'
            {0xC1, 0xBF},             // overlong
            {0xE0, 0x80, 0xAF},       // overlong 3-byte form
            {0xF0, 0x80, 0x80, 0xAF}, // overlong 4-byte form
            {0xED, 0xA0, 0x80},       // UTF-8-encoded surrogate U+D800
            {0xED, 0xBF, 0xBF},       // UTF-8-encoded surrogate U+DFFF
            {0xF4, 0x90, 0x80, 0x80}, // beyond U+10FFFF
            {0xF5, 0x80, 0x80, 0x80}, // lead byte beyond U+10FFFF
            {0xE2, 0x82},             // truncated 3-byte sequence
            {0xC3, 0x28},             // lead followed by a non-continuation
        };
        for (int[] bytes : invalid) {
            RecordRejectedException e = rejectedParse(withBytes("{\"a\": \"x", bytes, "\"}"));
            assertTrue(message(e).contains("not valid UTF-8"), message(e));
            assertTrue(message(e).contains("offset 8"), message(e));
        }
    }

    @Test
    void truncatedUtf8AtTheVeryEndIsRejected() {
        assertTrue(message(rejectedParse(withBytes("{\"a\": 1} ", new int[] {0xF0, 0x9F, 0x98}, "")))
                .contains("not valid UTF-8"));
    }

    @Test
    void validMultiByteUtf8IsAccepted() {
        JsonNode node = STRICT.parseRecord(withBytes("{\"a\": \"", new int[] {
            0xC3, 0xA9,             // é
            0xE2, 0x82, 0xAC,       // €
            0xED, 0x9F, 0xBF,       // U+D7FF, just below the surrogates
            0xEE, 0x80, 0x80,       // U+E000, just above
            0xF4, 0x8F, 0xBF, 0xBF, // U+10FFFF
        }, "\"}"));
        assertEquals("é€\uD7FF\uE000\uDBFF\uDFFF", node.get("a").textValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": \"\\ud800\"}", "{\"a\": \"x\\udc00\"}", "{\"a\": \"\\ud800\\u0041\"}",
        "{\"a\": [\"\\udbff\"]}"})
    void loneSurrogateEscapesInValuesAreRejected(String body) {
        assertTrue(message(rejectedParse(body)).contains("unpaired UTF-16 surrogate"));
    }

    @Test
    void loneSurrogateInAKeyIsRejected() {
        RecordRejectedException e = rejectedParse("{\"used\": {\"k\\ud800\": 1}}");
        assertTrue(message(e).contains("unpaired UTF-16 surrogate"), message(e));
        assertTrue(message(e).contains("/used"), message(e));
    }

    @Test
    void loneSurrogateMessageNamesThePointer() {
        assertTrue(message(rejectedParse("{\"used\": {\"a\": [1, \"\\ud800\"]}}")).contains("/used/a/1"));
    }

    @Test
    void duplicateTopLevelKeyIsRejectedNamingTheKey() {
        RecordRejectedException e = rejectedParse("{\"workflow_id\": \"a\", \"workflow_id\": \"b\"}");
        assertTrue(message(e).contains("\"workflow_id\""), message(e));
        assertTrue(message(e).contains("top-level object"), message(e));
    }

    @Test
    void duplicateNestedKeyNamesTheKeyAndThePointerOfItsObject() {
        RecordRejectedException e = rejectedParse("{\"used\": {\"x\": [{\"lr\": 1, \"lr\": 2}]}}");
        assertTrue(message(e).contains("\"lr\""), message(e));
        assertTrue(message(e).contains("/used/x/0"), message(e));
    }

    @Test
    void sameKeyInDifferentObjectsIsFine() {
        STRICT.parseRecord(utf8("{\"a\": {\"k\": 1}, \"b\": {\"k\": 2}, \"k\": 3}"));
    }

    @Test
    void everyDuplicateAndNanIsReported() {
        RecordRejectedException e = rejected(() -> STRICT.parseRecord(utf8(
                "{\"a\": 1, \"a\": 2, \"b\": NaN, \"c\": {\"d\": 1, \"d\": 1}}")));
        assertEquals(3, e.problems().size(), () -> e.problems().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "+Infinity"})
    void nonFiniteLiteralsAreRejectedWithWhereTheyAre(String literal) {
        RecordRejectedException e = rejectedParse("{\"used\": {\"lr\": " + literal + "}}");
        assertTrue(message(e).startsWith(literal + " at /used/lr is not a JSON number"), message(e));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\": 1",                 // truncated object
        "{\"a\": \"unterminated",    // truncated string
        "[1, 2",                     // truncated array
        "{\"a\" 1}",                 // missing colon
        "{\"a\": 1,}",               // trailing comma
        "{'a': 1}",                  // single quotes
        "{a: 1}",                    // unquoted key
        "{\"a\": +1}",               // leading plus
        "{\"a\": 01}",               // leading zero
        "{\"a\": .5}",               // no integer part
        "{\"a\": 1.}",               // no fraction digits
        "{\"a\": tru}",              // bad literal
        "{\"a\": \"tab\there\"}",    // raw control character in a string
        "{\"a\": \"\\x41\"}",         // bad escape
        "{\"a\": 1 /* comment */}",  // comment
        "{\"a\": nan}",              // lower-case nan
        "workflow_id=5f1c; name=test_workflow",
    })
    void malformedJsonIsRejected(String body) {
        assertTrue(message(rejectedParse(body)).startsWith("The body "), () -> message(rejectedParse(body)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} {}", "{\"a\": 1} x", "{}]", "[] []", "1 2"})
    void trailingContentIsRejected(String body) {
        assertTrue(message(rejectedParse(body)).contains("more content after the end"), () -> message(rejectedParse(body)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t"})
    void emptyBodyIsRejected(String body) {
        assertTrue(message(rejectedParse(body)).contains("empty"));
    }

    @Test
    void nullBodyIsRejectedAsEmpty() {
        assertTrue(message(rejected(() -> STRICT.parseRecord(null))).contains("empty"));
    }

    static String nestedArrays(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    static String nestedObjects(int depth) {
        // The record object is level 1; each "a" adds one.
        return "{\"a\": ".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    @Test
    void nestingOf64LevelsIsAcceptedAnd65Rejected() {
        STRICT.parseRecord(utf8(nestedArrays(64)));
        STRICT.parseRecord(utf8(nestedObjects(64)));
        RecordRejectedException arrays = rejectedParse(nestedArrays(65));
        assertTrue(message(arrays).contains("deeper than 64 levels"), message(arrays));
        RecordRejectedException objects = rejectedParse(nestedObjects(65));
        assertTrue(message(objects).contains("deeper than 64 levels (at /a/a/a"), message(objects));
    }

    @Test
    void messagesNameWhereInTheDocumentTheProblemIs() {
        String body = "{\"workflow_id\": \"w\", \"used\": {\"list\": [1, {\"k~/\": [\"ok\", \"\\ud800\"]}],"
                + " \"n\": {\"m\": 1, \"m\": 2}}, \"x\": [0, [NaN]]}";
        RecordRejectedException e = rejected(() -> STRICT.parseRecord(utf8(body)));
        assertEquals(3, e.problems().size(), () -> e.problems().toString());
        String message = e.problems().toString();
        assertTrue(message.contains("The string at /used/list/1/k~0~1/1 contains"), message);
        assertTrue(message.contains("appears more than once in the object at /used/n"), message);
        assertTrue(message.contains("at /x/1/0 is not a JSON number"), message);
    }

    @Test
    void depthLimitFollowsTheConfiguration() {
        StrictJson shallow = new StrictJson(new RecordLimits(3, 1000, 1000, 10));
        shallow.parseRecord(utf8("{\"a\": {\"b\": [1]}}"));
        rejected(() -> shallow.parseRecord(utf8("{\"a\": {\"b\": [[1]]}}")));
    }

    @Test
    void hugeNestingIsRejectedCheaply() {
        RecordRejectedException e = rejectedParse(nestedArrays(200_000));
        assertTrue(message(e).contains("deeper than 64"), message(e));
    }

    @Test
    void recordOverTheSizeLimitIsRejectedBeforeParsing() {
        StrictJson small = new StrictJson(new RecordLimits(64, 20, 1000, 10));
        small.parseRecord(utf8("{\"a\": \"0123456789\"}")); // 19 bytes
        small.parseRecord(utf8("{\"a\": \"01234567890\"}")); // 20 bytes
        RecordRejectedException e = assertThrows(RecordTooLargeException.class,
                () -> small.parseRecord(utf8("{\"a\": \"012345678901\"}"))); // 21 bytes
        assertEquals("", e.problems().get(0).pointer());
        assertTrue(message(e).contains("21 bytes; the limit is 20 bytes"), message(e));
        // Garbage over the limit is "too large", not "not JSON": nothing was parsed.
        assertThrows(RecordTooLargeException.class, () -> small.parseRecord(new byte[21]));
    }

    @Test
    void defaultRecordLimitIsOneMebibyte() {
        String filler = "x".repeat(1_048_576 - 9);
        STRICT.parseRecord(utf8("{\"a\": \"" + filler + "\"}")); // exactly 1048576 bytes
        assertThrows(RecordTooLargeException.class, () -> STRICT.parseRecord(utf8("{\"a\": \"" + filler + "x\"}")));
    }

    @Test
    void numberLongerThanTheParserLimitIsRejected() {
        RecordRejectedException e = rejectedParse("{\"a\": " + "9".repeat(1001) + "}");
        assertTrue(message(e).contains("parser limit"), message(e));
    }
}
