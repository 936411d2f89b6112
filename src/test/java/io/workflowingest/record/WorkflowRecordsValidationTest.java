package io.workflowingest.record;

import static io.workflowingest.record.TestJson.RECORDS;
import static io.workflowingest.record.TestJson.assertPointers;
import static io.workflowingest.record.TestJson.message;
import static io.workflowingest.record.TestJson.normalize;
import static io.workflowingest.record.TestJson.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RECORD.md "Validation": what is rejected, each problem with its pointer. */
class WorkflowRecordsValidationTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static ObjectNode withField(String name, JsonNode value) {
        ObjectNode record = record("{'workflow_id': 'wf-1'}");
        record.set(name, value);
        return record;
    }

    private static RecordRejectedException assertFieldRejected(String name, JsonNode value) {
        RecordRejectedException e = assertPointers(() -> RECORDS.normalize(withField(name, value)),
                "/" + Pointers.escape(name));
        assertTrue(message(e).contains(name), () -> "message names the field: " + message(e));
        return e;
    }

    // ---- the record itself ----

    @Test
    void recordMustBeAnObject() {
        assertTrue(message(assertPointers(() -> RECORDS.normalize(TestJson.json("[{\"workflow_id\": \"a\"}]")), ""))
                .contains("must be a JSON object; this one is an array"));
        assertPointers(() -> RECORDS.normalize(TestJson.json("\"wf\"")), "");
        assertPointers(() -> RECORDS.normalize(NullNode.getInstance()), "");
        assertPointers(() -> RECORDS.normalize(null), "");
        assertPointers(() -> RECORDS.normalize(MissingNode.getInstance()), "");
    }

    @Test
    void parseAndNormalizeReportsParseProblemsAtTheRoot() {
        assertPointers(() -> RECORDS.parseAndNormalize(TestJson.utf8("{\"workflow_id\": ")), "");
    }

    // ---- workflow_id and the other ids ----

    @Test
    void workflowIdIsRequired() {
        RecordRejectedException e = assertPointers(() -> normalize("{'name': 'x'}"), "/workflow_id");
        assertTrue(message(e).startsWith("workflow_id is required"), message(e));
    }

    @Test
    void workflowIdMayNotBeNull() {
        assertPointers(() -> normalize("{'workflow_id': null}"), "/workflow_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "true", "[]", "{}", "['wf']"})
    void workflowIdMustBeAString(String value) {
        RecordRejectedException e = assertPointers(() -> normalize("{'workflow_id': " + value + "}"), "/workflow_id");
        assertTrue(message(e).startsWith("workflow_id must be a string"), message(e));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " wf", "wf ", "\twf", "wf\n", "wf\u00a0", "\u2003wf", "w\u0001f", "w\u001ff",
        "w\u007ff", "w\u0085f", "w\u009ff", "w/f", "w\\f", "/", "\\"})
    void idRulesRejectEmptyWhitespaceControlAndSlashes(String id) {
        for (String field : List.of("workflow_id", "parent_workflow_id", "campaign_id")) {
            ObjectNode record = record("{'workflow_id': 'wf-1'}");
            record.put(field, id);
            RecordRejectedException e = assertPointers(() -> RECORDS.normalize(record), "/" + field);
            assertTrue(message(e).startsWith(field + " "), message(e));
        }
        assertNotNull(WorkflowRecords.idProblem(id));
    }

    @Test
    void idMessagesSayWhatIsWrong() {
        assertTrue(WorkflowRecords.idProblem("wf ").contains("leading or trailing whitespace"));
        assertTrue(WorkflowRecords.idProblem("a/b").contains("'/'"));
        assertTrue(WorkflowRecords.idProblem("a\\b").contains("'\\'"));
        assertTrue(WorkflowRecords.idProblem("a\u0007b").contains("U+0007"));
        assertTrue(WorkflowRecords.idProblem("").contains("empty"));
        assertTrue(WorkflowRecords.idProblem("x".repeat(257)).contains("257 characters"));
        assertNotNull(WorkflowRecords.idProblem(null));
    }

    @Test
    void idLengthCountsCodePoints() {
        assertNull(WorkflowRecords.idProblem("x".repeat(256)));
        assertNotNull(WorkflowRecords.idProblem("x".repeat(257)));
        String astral = "\uD83D\uDE00"; // one code point, two UTF-16 chars
        assertNull(WorkflowRecords.idProblem(astral.repeat(256)));
        assertNotNull(WorkflowRecords.idProblem(astral.repeat(257)));
        normalize("{'workflow_id': '" + astral.repeat(256) + "'}");
        assertPointers(() -> normalize("{'workflow_id': 'wf', 'campaign_id': '" + "c".repeat(257) + "'}"),
                "/campaign_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4e742527-8e3d-4bc0-8c2b-79d08a4eae99", "ornl-campaign-2026-q3", "a b", "é", "x:y@z?#%",
        "\uD83D\uDE00", "a.b", "$x"})
    void ordinaryIdsAreValidAndKeptExactly(String id) {
        assertNull(WorkflowRecords.idProblem(id));
        ObjectNode record = record("{}");
        record.put("workflow_id", id);
        assertEquals(id, RECORDS.normalize(record).get("workflow_id").textValue());
    }

    @Test
    void messagesQuotingLongTextNeverSplitASurrogatePair() {
        for (String prefix : List.of("", "x")) {
            String id = prefix + "\uD83D\uDE00".repeat(40) + "/";
            String message = WorkflowRecords.idProblem(id);
            assertTrue(message.contains("..."), message);
            assertNull(Texts.unpairedSurrogate(message), message);
        }
    }

    @Test
    void idWithUnpairedSurrogateIsInvalid() {
        assertNotNull(WorkflowRecords.idProblem("a\uD800b"));
    }

    @Test
    void nullParentAndCampaignAreDroppedNotRejected() {
        ObjectNode out = normalize("{'workflow_id': 'wf', 'parent_workflow_id': null, 'campaign_id': null}");
        assertFalse(out.has("parent_workflow_id"));
        assertFalse(out.has("campaign_id"));
    }

    // ---- field types ----

    @ParameterizedTest
    @ValueSource(strings = {"name", "subtype", "workflow_description", "user", "adapter_id", "agent_id",
        "flowcept_version", "environment_id", "sys_name", "node_name", "hostname", "public_ip", "private_ip",
        "status", "type", "parent_workflow_id", "campaign_id"})
    void stringFieldsRejectOtherTypes(String field) {
        for (JsonNode value : List.of(NODES.numberNode(5), NODES.booleanNode(true), NODES.arrayNode().add("x"),
                NODES.objectNode())) {
            RecordRejectedException e = assertFieldRejected(field, value);
            assertTrue(message(e).contains("must be a string"), message(e));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"used", "generated", "custom_metadata", "machine_info", "conf", "flowcept_settings",
        "code_repository", "workflow_domain_data_schema"})
    void objectFieldsRejectOtherTypes(String field) {
        for (JsonNode value : List.of(NODES.arrayNode().add("/data/a.h5"), TextNode.valueOf("{}"),
                NODES.numberNode(1), NODES.booleanNode(false))) {
            RecordRejectedException e = assertFieldRejected(field, value);
            assertTrue(message(e).contains("must be a JSON object"), message(e));
        }
    }

    @Test
    void usedAsAListIsRejectedNamingIt() {
        RecordRejectedException e = assertPointers(() -> normalize("{'workflow_id': 'wf', 'used': ['/data/a.h5']}"),
                "/used");
        assertEquals("used must be a JSON object; it is an array.", message(e));
    }

    @Test
    void extraMetadataIsAnObjectOrAString() {
        normalize("{'workflow_id': 'wf', 'extra_metadata': {'queue': 'batch'}}");
        normalize("{'workflow_id': 'wf', 'extra_metadata': '{\\'queue\\': \\'batch\\'}'}");
        for (JsonNode value : List.of(NODES.numberNode(1), NODES.arrayNode(), NODES.booleanNode(true))) {
            assertTrue(message(assertFieldRejected("extra_metadata", value)).contains("a JSON object or a string"));
        }
    }

    @Test
    void interceptorIdsMustBeAnArray() {
        RecordRejectedException e = assertPointers(
                () -> normalize("{'workflow_id': 'wf', 'interceptor_ids': '140082285050704'}"), "/interceptor_ids");
        assertEquals("interceptor_ids must be an array of strings; it is a string.", message(e));
        assertFieldRejected("interceptor_ids", NODES.objectNode());
    }

    @Test
    void interceptorIdItemsMustBeStringsEachReportedAtItsIndex() {
        RecordRejectedException e = assertPointers(() -> normalize(
                "{'workflow_id': 'wf', 'interceptor_ids': ['a', 139853578106128, 'b', true, null, ['c'], 'a']}"),
                "/interceptor_ids/1", "/interceptor_ids/3", "/interceptor_ids/4", "/interceptor_ids/5");
        assertEquals("Item 1 of interceptor_ids must be a string (an interceptor id); it is a number.", message(e));
    }

    // ---- timestamps ----

    @ParameterizedTest
    @ValueSource(strings = {"utc_timestamp", "started_at", "ended_at"})
    void timestampsRejectBooleansAndOtherTypes(String field) {
        for (JsonNode value : List.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.arrayNode(),
                NODES.objectNode())) {
            RecordRejectedException e = assertFieldRejected(field, value);
            assertTrue(message(e).contains("epoch seconds"), message(e));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"'yesterday'", "'1785848405'", "'2026-08-04'", "'2026-08-04T12:34:56'",
        "'2026-08-04T12:34:56.5'", "'2026-08-04T12:34Z '", "'2026-02-30T00:00:00Z'", "'2026-08-04T24:00:00Z'",
        "'2026-08-04T12:60:00Z'", "'2026-08-04T12:34:60Z'", "'2026-13-01T00:00:00Z'", "'2026-08-04T12:34:56+24:00'",
        "'2026-08-04T12:34:56+02:0'", "'2026-08-04T12:34:56.Z'", "'26-08-04T12:34:56Z'", "'2026-08-04T12:34:56 Z'",
        "''", "-1", "-0.000001", "-1785848405003", "4102444800", "4102444800.0", "4102444800000",
        "999999999999.9999", "1e20", "1e30", "123456789012345678901234567890", "'2100-01-01T00:00:00Z'", "'2100-01-01T01:00:00+01:00Z'",
        "'1969-12-31T23:59:59Z'", "'1970-01-01T01:00:00+01:01'"})
    void timestampsOutOfRangeOrUnreadableAreRejected(String value) {
        for (String field : List.of("utc_timestamp", "started_at", "ended_at")) {
            RecordRejectedException e = assertPointers(
                    () -> normalize("{'workflow_id': 'wf', '" + field + "': " + value + "}"), "/" + field);
            assertTrue(message(e).startsWith(field + " "), message(e));
        }
    }

    @Test
    void isoWithoutOffsetSaysSo() {
        String m = message(assertPointers(
                () -> normalize("{'workflow_id': 'wf', 'started_at': '2026-08-04T12:34:56'}"), "/started_at"));
        assertTrue(m.contains("has no UTC offset"), m);
    }

    @Test
    void year2100IsRejectedAndTheLastSecondBeforeItAccepted() {
        assertEquals(new BigDecimal("4102444799.999999"), normalize(
                "{'workflow_id': 'wf', 'ended_at': 4102444799.999999}").get("ended_at").decimalValue());
        assertEquals(new BigDecimal("4102444799.999"), normalize(
                "{'workflow_id': 'wf', 'ended_at': 4102444799999}").get("ended_at").decimalValue());
        assertEquals(4102444799L, normalize(
                "{'workflow_id': 'wf', 'ended_at': '2099-12-31T23:59:59Z'}").get("ended_at").longValue());
        String m = message(assertPointers(
                () -> normalize("{'workflow_id': 'wf', 'ended_at': 4102444800000}"), "/ended_at"));
        assertTrue(m.contains("2100-01-01") && m.contains("epoch milliseconds"), m);
    }

    @Test
    void zeroIsAValidTimestamp() {
        assertEquals(0, normalize("{'workflow_id': 'wf', 'utc_timestamp': 0}").get("utc_timestamp").intValue());
    }

    @Test
    void nonFiniteTimestampBuiltInCodeIsRejected() {
        assertPointers(() -> RECORDS.normalize(withField("utc_timestamp", DoubleNode.valueOf(Double.NaN))),
                "/utc_timestamp");
        assertPointers(() -> RECORDS.normalize(withField("started_at", FloatNode.valueOf(Float.POSITIVE_INFINITY))),
                "/started_at");
    }

    // ---- status and type ----

    @ParameterizedTest
    @ValueSource(strings = {"done", "FINISH", "", " RUNNING", "RUNNING ", "runnıng", "ﬁnished", "FINISHED\u200b"})
    void statusOutsideTheVocabularyIsRejected(String status) {
        ObjectNode record = record("{'workflow_id': 'wf'}");
        record.put("status", status);
        String m = message(assertPointers(() -> RECORDS.normalize(record), "/status"));
        assertTrue(m.startsWith("status must be one of SUBMITTED, WAITING, RUNNING, FINISHED, ERROR, UNKNOWN"), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"task", "agent", "Workflow", "WORKFLOW", ""})
    void typeOtherThanWorkflowIsRejected(String type) {
        ObjectNode record = record("{'workflow_id': 'wf'}");
        record.put("type", type);
        assertTrue(message(assertPointers(() -> RECORDS.normalize(record), "/type")).startsWith("type must be"));
    }

    // ---- IP addresses ----

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "frontier08123.olcf.ornl.gov", "010.128.32.17", "10.128.32", "256.1.1.1",
        "fe80::1%eth0", "[::1]", "1::2::3", "", " 10.0.0.1", "::ffff:1.2.3.04"})
    void ipThatIsNotALiteralIsRejected(String ip) {
        for (String field : List.of("public_ip", "private_ip")) {
            ObjectNode record = record("{'workflow_id': 'wf'}");
            record.put(field, ip);
            String m = message(assertPointers(() -> RECORDS.normalize(record), "/" + field));
            assertTrue(m.contains("is not an IPv4 or IPv6 address"), m);
        }
    }

    // ---- NUL, anywhere ----

    @Test
    void nulInATopLevelStringIsRejected() {
        RecordRejectedException e = assertPointers(() -> normalize("{'workflow_id': 'wf', 'name': 'bad\\u0000name'}"),
                "/name");
        assertEquals("name contains a NUL character (\\u0000), which cannot be stored; remove it.", message(e));
    }

    @Test
    void nulInANestedValueIsRejectedWithItsPointer() {
        RecordRejectedException e = assertPointers(
                () -> normalize("{'workflow_id': 'wf', 'used': {'files': ['ok', 'a\\u0000']}}"), "/used/files/1");
        assertTrue(message(e).startsWith("The value at /used/files/1 contains a NUL character"), message(e));
    }

    @Test
    void nulInANestedKeyIsRejectedWithItsPointer() {
        RecordRejectedException e = assertPointers(
                () -> normalize("{'workflow_id': 'wf', 'custom_metadata': {'tags': {'a\\u0000b': 1}}}"),
                "/custom_metadata/tags/a\u0000b");
        assertTrue(message(e).contains("The key \"a\\u0000b\" in the value at /custom_metadata/tags"), message(e));
    }

    @Test
    void nulInATopLevelKeyIsRejected() {
        assertPointers(() -> normalize("{'workflow_id': 'wf', 'x\\u0000': 1}"), "/x\u0000");
    }

    @Test
    void nulInIdsInterceptorIdsAndUnknownFieldsIsRejected() {
        assertPointers(() -> normalize("{'workflow_id': 'w\\u0000f'}"), "/workflow_id");
        assertPointers(() -> normalize("{'workflow_id': 'wf', 'interceptor_ids': ['a', '\\u0000']}"),
                "/interceptor_ids/1");
        assertPointers(() -> normalize("{'workflow_id': 'wf', 'mine': {'deep': [{'x': '\\u0000'}]}}"),
                "/mine/deep/0/x");
        assertPointers(() -> normalize("{'workflow_id': 'wf', 'status': 'RUN\\u0000'}"), "/status");
    }

    @Test
    void nulInsideFlowceptSettingsIsRejectedEvenWhereItWouldBeRedacted() {
        assertPointers(() -> normalize("{'workflow_id': 'wf', 'flowcept_settings': {'mq': {'password': 'a\\u0000'}}}"),
                "/flowcept_settings/mq/password");
    }

    // ---- top-level keys ----

    @Test
    void topLevelKeysStartingWithDollarOrContainingDotAreRejected() {
        RecordRejectedException e = assertPointers(
                () -> normalize("{'workflow_id': 'wf', '$where': 1, 'used.epochs': 2, 'a$': 3, '$.': 4}"),
                "/$where", "/used.epochs", "/$.", "/$.");
        assertTrue(e.problems().get(0).message().contains("starts with '$'"));
        assertTrue(e.problems().get(1).message().contains("contains '.'"));
    }

    @Test
    void nestedKeysWithDollarOrDotAreFine() {
        ObjectNode out = normalize("{'workflow_id': 'wf', 'used': {'$x': 1, 'a.b': 2}}");
        assertEquals(2, out.get("used").get("a.b").intValue());
    }

    @Test
    void pointersEscapeTildeAndSlash() {
        assertPointers(() -> normalize("{'workflow_id': 'wf', 'a/b': {'m~n': '\\u0000'}}"), "/a~1b/m~0n");
        assertPointers(() -> normalize("{'workflow_id': 'wf', 'x.y/z~': 1}"), "/x.y~1z~0");
    }

    // ---- depth and values that cannot be stored ----

    @Test
    void treeBuiltInCodeDeeperThanTheLimitIsReportedNotOverflowed() {
        ObjectNode record = record("{'workflow_id': 'wf'}");
        ObjectNode level = record.putObject("used"); // depth 2
        for (int depth = 3; depth <= 100_000; depth++) {
            level = level.putObject("a");
        }
        StringBuilder expected = new StringBuilder("/used");
        for (int depth = 3; depth <= 65; depth++) {
            expected.append("/a");
        }
        RecordRejectedException e = assertPointers(() -> RECORDS.normalize(record), expected.toString());
        assertTrue(message(e).contains("nested deeper than 64 levels"), message(e));
    }

    @Test
    void depthOf64IsAccepted() {
        ObjectNode record = record("{'workflow_id': 'wf'}");
        ArrayNode level = record.putArray("used_list"); // depth 2
        for (int depth = 3; depth <= 64; depth++) {
            level = level.addArray();
        }
        RECORDS.normalize(record);
        level.addArray(); // depth 65
        assertEquals(1, TestJson.rejected(() -> RECORDS.normalize(record)).problems().size());
    }

    @Test
    void cyclicTreeBuiltInCodeIsReportedNotOverflowed() {
        ObjectNode record = record("{'workflow_id': 'wf'}");
        ObjectNode loop = NODES.objectNode();
        loop.set("self", loop);
        record.set("custom_metadata", loop);
        assertEquals(1, TestJson.rejected(() -> RECORDS.normalize(record)).problems().size());
    }

    @Test
    void valuesThatAreNotJsonAreRejected() {
        ObjectNode used = NODES.objectNode();
        used.set("pojo", new POJONode(new Object()));
        used.set("binary", BinaryNode.valueOf(new byte[] {1}));
        used.set("nan", DoubleNode.valueOf(Double.NaN));
        used.set("inf", FloatNode.valueOf(Float.NEGATIVE_INFINITY));
        used.set("missing", MissingNode.getInstance());
        assertPointers(() -> RECORDS.normalize(withField("used", used)),
                "/used/pojo", "/used/binary", "/used/nan", "/used/inf", "/used/missing");
        assertPointers(() -> RECORDS.normalize(withField("mine", new POJONode("x"))), "/mine");
    }

    @Test
    void numbersTheStoreCannotHoldAreRejected() {
        ObjectNode used = NODES.objectNode();
        used.set("big", DecimalNode.valueOf(new BigDecimal("1e131072")));
        used.set("fine_big", DecimalNode.valueOf(new BigDecimal("9e131071")));
        used.set("precise", DecimalNode.valueOf(new BigDecimal("1.5e-16383")));
        used.set("fine_precise", DecimalNode.valueOf(new BigDecimal("1e-16383")));
        used.set("zero", DecimalNode.valueOf(new BigDecimal("0e200000")));
        used.set("huge_integer", NODES.numberNode(BigInteger.TEN.pow(131_072)));
        assertPointers(() -> RECORDS.normalize(withField("used", used)), "/used/big", "/used/precise",
                "/used/huge_integer");
        assertPointers(() -> normalize("{'workflow_id': 'wf', 'x': 1e200000}"), "/x");
    }

    // ---- every problem, not only the first ----

    @Test
    void everyProblemIsReportedInDocumentOrder() {
        RecordRejectedException e = assertPointers(() -> normalize("{'name': 5, 'used': [], 'status': 'done',"
                        + " 'interceptor_ids': ['a', 1], 'started_at': true, 'public_ip': 'x', '$bad': 1,"
                        + " 'generated': {'k': '\\u0000'}, 'type': 'task'}"),
                "/workflow_id", "/name", "/used", "/status", "/interceptor_ids/1", "/started_at", "/public_ip", "/$bad",
                "/generated/k", "/type");
        assertEquals(10, e.problems().size());
    }

    @Test
    void aFloodOfProblemsIsCappedWithASummary() {
        ObjectNode used = NODES.objectNode();
        for (int i = 0; i < 150; i++) {
            used.put("k" + i, "\u0000");
        }
        RecordRejectedException e = TestJson.rejected(() -> RECORDS.normalize(withField("used", used)));
        assertEquals(101, e.problems().size());
        assertEquals("", e.problems().get(100).pointer());
        assertTrue(e.problems().get(100).message().startsWith("50 more problems"));
    }

    @Test
    void rejectionMessageSummarizesTheProblems() {
        RecordRejectedException e = TestJson.rejected(() -> normalize("{'used': []}"));
        assertEquals("Record rejected: /workflow_id: workflow_id is required and may not be null; send the id of this"
                + " workflow run (Flowcept uses a uuid4). (and 1 more problems)", e.getMessage());
    }
}
