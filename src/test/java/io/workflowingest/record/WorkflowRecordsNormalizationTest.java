package io.workflowingest.record;

import static io.workflowingest.record.TestJson.RECORDS;
import static io.workflowingest.record.TestJson.json;
import static io.workflowingest.record.TestJson.normalize;
import static io.workflowingest.record.TestJson.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RECORD.md "Normalization", steps 1-9 in the order 1, 2, 7, 3-6, 8. */
class WorkflowRecordsNormalizationTest {

    private static JsonNode field(String recordJson, String name) {
        return normalize(recordJson).get(name);
    }

    // ---- step 1: top-level nulls are dropped ----

    @Test
    void step1TopLevelNullsAreDroppedNestedNullsKept() {
        ObjectNode out = normalize("{'workflow_id': 'wf', 'name': null, 'status': null, 'used': {'max_runs': null},"
                + " 'mine': null}");
        assertEquals(record("{'workflow_id': 'wf', 'used': {'max_runs': null}, 'type': 'workflow'}"), out);
    }

    // ---- step 2: type ----

    @Test
    void step2TypeIsSetWhenAbsentOrNull() {
        assertEquals("workflow", field("{'workflow_id': 'wf'}", "type").textValue());
        assertEquals("workflow", field("{'workflow_id': 'wf', 'type': null}", "type").textValue());
        assertEquals("workflow", field("{'workflow_id': 'wf', 'type': 'workflow'}", "type").textValue());
    }

    @Test
    void minimalRecordIsTheIdAndTheType() {
        assertEquals(record("{'workflow_id': 'wf', 'type': 'workflow'}"), normalize("{'workflow_id': 'wf'}"));
    }

    // ---- step 3: timestamps ----

    @Test
    void step3EpochSecondsAreKeptExactlyAsSent() {
        JsonNode t = field("{'workflow_id': 'wf', 'utc_timestamp': 1785848405.003926}", "utc_timestamp");
        assertInstanceOf(DecimalNode.class, t);
        assertEquals(new BigDecimal("1785848405.003926"), t.decimalValue());
        JsonNode zeros = field("{'workflow_id': 'wf', 'utc_timestamp': 1785848405.500}", "utc_timestamp");
        assertEquals(new BigDecimal("1785848405.500"), zeros.decimalValue()); // scale 3 kept
        JsonNode whole = field("{'workflow_id': 'wf', 'started_at': 1785848405}", "started_at");
        assertInstanceOf(IntNode.class, whole);
        assertEquals(1785848405, whole.intValue());
        assertEquals(new BigDecimal("1785848405.0038288"),
                field("{'workflow_id': 'wf', 'ended_at': 1785848405.0038288}", "ended_at").decimalValue());
    }

    @ParameterizedTest
    @CsvSource({
        "1785848405003, 1785848405.003",
        "1785848405000, 1785848405",
        "1785848405003.5, 1785848405.0035",
        "1785848405003.250, 1785848405.00325",
        "1000000000000, 1000000000",
        "1e12, 1000000000",
        "1785848405123456e-3, 1785848405.123456",
    })
    void step3NumbersFrom1e12AreEpochMillisecondsDividedExactly(String sent, String seconds) {
        JsonNode t = field("{'workflow_id': 'wf', 'started_at': " + sent + "}", "started_at");
        assertEquals(0, new BigDecimal(seconds).compareTo(t.decimalValue()), t::toString);
        assertEquals(seconds, t.decimalValue().toPlainString());
    }

    @Test
    void step3WholeSecondsFromMillisecondsAreIntegers() {
        assertInstanceOf(LongNode.class, field("{'workflow_id': 'wf', 'started_at': 1785848405000}", "started_at"));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-08-04T12:34:56Z, 1785846896",
        "2026-08-04t12:34:56z, 1785846896",
        "2026-08-04 12:34:56Z, 1785846896",
        "2026-08-04T14:34:56+02:00, 1785846896",
        "2026-08-04T14:34:56+0200, 1785846896",
        "2026-08-04T14:34:56+02, 1785846896",
        "2026-08-04T07:04:56-05:30, 1785846896",
        "2026-08-04T12:34:56-00:00, 1785846896",
        "2026-08-04T12:34Z, 1785846840",
        "2026-08-04T12:34:56.123456Z, 1785846896.123456",
        "2026-08-04T12:34:56.000Z, 1785846896.000",
        "2026-08-04T12:34:56.123456789012+02:00, 1785839696.123456789012",
        "'2026-08-04T12:34:56,5Z', 1785846896.5",
        "1970-01-01T00:00:00Z, 0",
        "2024-02-29T00:00:00Z, 1709164800",
    })
    void step3IsoTimesWithAnOffsetBecomeEpochSecondsKeepingEveryFractionalDigit(String iso, String seconds) {
        for (String name : List.of("utc_timestamp", "started_at", "ended_at")) {
            JsonNode t = field("{'workflow_id': 'wf', '" + name + "': '" + iso + "'}", name);
            assertTrue(t.isNumber(), t::toString);
            assertEquals(seconds, t.decimalValue().toPlainString());
        }
    }

    // ---- step 4: status ----

    @ParameterizedTest
    @CsvSource({"finished, FINISHED", "Running, RUNNING", "eRrOr, ERROR", "SUBMITTED, SUBMITTED", "waiting, WAITING",
        "unknown, UNKNOWN"})
    void step4StatusIsUpperCased(String sent, String stored) {
        assertEquals(stored, field("{'workflow_id': 'wf', 'status': '" + sent + "'}", "status").textValue());
    }

    // ---- step 5: interceptor_ids ----

    @Test
    void step5InterceptorIdsAreDeduplicatedKeepingFirstOccurrenceOrder() {
        assertEquals(json("[\"b\", \"a\", \"c\"]"),
                field("{'workflow_id': 'wf', 'interceptor_ids': ['b', 'a', 'b', 'c', 'a', 'c']}", "interceptor_ids"));
        assertEquals(json("[]"), field("{'workflow_id': 'wf', 'interceptor_ids': []}", "interceptor_ids"));
    }

    @Test
    void step5InterceptorIdsDifferingOnlyInCaseOrSpaceAreDistinct() {
        assertEquals(json("[\"a\", \"A\", \"a \"]"),
                field("{'workflow_id': 'wf', 'interceptor_ids': ['a', 'A', 'a ', 'a']}", "interceptor_ids"));
    }

    // ---- step 6: IPs and host names ----

    @ParameterizedTest
    @CsvSource({
        "10.128.32.17, 10.128.32.17",
        "2001:0DB8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "FE80::0:1, fe80::1",
        "::FFFF:10.0.0.1, ::ffff:10.0.0.1",
        "::ffff:a00:1, ::ffff:10.0.0.1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    })
    void step6IpsAreCanonical(String sent, String stored) {
        assertEquals(stored, field("{'workflow_id': 'wf', 'public_ip': '" + sent + "'}", "public_ip").textValue());
        assertEquals(stored, field("{'workflow_id': 'wf', 'private_ip': '" + sent + "'}", "private_ip").textValue());
    }

    @Test
    void step6HostnameAndNodeNameAreLowerCased() {
        ObjectNode out = normalize("{'workflow_id': 'wf', 'hostname': 'Login1.Frontier.OLCF.ORNL.gov',"
                + " 'node_name': 'FRONTIER08123', 'sys_name': 'Frontier', 'environment_id': 'FRONTIER'}");
        assertEquals("login1.frontier.olcf.ornl.gov", out.get("hostname").textValue());
        assertEquals("frontier08123", out.get("node_name").textValue());
        assertEquals("Frontier", out.get("sys_name").textValue()); // not a host name: byte for byte
        assertEquals("FRONTIER", out.get("environment_id").textValue());
    }

    @Test
    void step6LowerCasingUsesTheRootLocale() {
        assertEquals("node-i", field("{'workflow_id': 'wf', 'node_name': 'NODE-I'}", "node_name").textValue());
    }

    // ---- step 7: derived from flowcept_settings.sys_metadata ----

    private static final String SYS = "'flowcept_settings': {'experiment': {'user': 'exp-runner'}, 'sys_metadata': {"
            + "'environment_id': 'frontier', 'sys_name': 'Frontier', 'node_name': 'Frontier08123',"
            + " 'login_name': 'alice', 'public_ip': '2001:DB8::0:1', 'private_ip': '10.128.32.17'}}";

    @Test
    void step7FieldsAreDerivedFromSysMetadataAndNormalizedLikeSentOnes() {
        ObjectNode out = normalize("{'workflow_id': 'wf', " + SYS + "}");
        assertEquals("alice", out.get("user").textValue());
        assertEquals("frontier", out.get("environment_id").textValue());
        assertEquals("Frontier", out.get("sys_name").textValue());
        assertEquals("frontier08123", out.get("node_name").textValue());
        assertEquals("2001:db8::1", out.get("public_ip").textValue());
        assertEquals("10.128.32.17", out.get("private_ip").textValue());
        // The settings themselves are kept as sent.
        assertEquals("Frontier08123", out.get("flowcept_settings").get("sys_metadata").get("node_name").textValue());
    }

    @Test
    void step7SentValuesWin() {
        ObjectNode out = normalize("{'workflow_id': 'wf', 'user': 'bob', 'environment_id': 'summit', 'sys_name': 'S',"
                + " 'node_name': 'n1', 'public_ip': '1.2.3.4', 'private_ip': '::1', " + SYS + "}");
        assertEquals("bob", out.get("user").textValue());
        assertEquals("summit", out.get("environment_id").textValue());
        assertEquals("S", out.get("sys_name").textValue());
        assertEquals("n1", out.get("node_name").textValue());
        assertEquals("1.2.3.4", out.get("public_ip").textValue());
        assertEquals("::1", out.get("private_ip").textValue());
    }

    @Test
    void step7NullFieldsAreDroppedFirstSoTheyAreDerived() {
        assertEquals("alice", field("{'workflow_id': 'wf', 'user': null, " + SYS + "}", "user").textValue());
    }

    @Test
    void step7UserFallsBackToExperimentUser() {
        String settings = "'flowcept_settings': {'experiment': {'user': 'exp-runner'}, 'sys_metadata': {%s}}";
        for (String login : List.of("", "'login_name': ''", "'login_name': null", "'login_name': 5",
                "'login_name': ['alice']")) {
            String record = "{'workflow_id': 'wf', " + String.format(settings, login) + "}";
            assertEquals("exp-runner", field(record, "user").textValue(), record);
        }
        assertEquals("exp-runner", field("{'workflow_id': 'wf', 'flowcept_settings': {'experiment': {'user':"
                + " 'exp-runner'}}}", "user").textValue());
    }

    @Test
    void step7InvalidOrEmptyValuesAreIgnored() {
        ObjectNode out = normalize("{'workflow_id': 'wf', 'flowcept_settings': {'experiment': {'user': ''},"
                + " 'sys_metadata': {'environment_id': '', 'sys_name': 7, 'node_name': {'a': 1}, 'login_name': '',"
                + " 'public_ip': 'frontier.olcf.ornl.gov', 'private_ip': '010.1.1.1'}}}");
        for (String name : List.of("user", "environment_id", "sys_name", "node_name", "public_ip", "private_ip")) {
            assertFalse(out.has(name), name);
        }
    }

    @Test
    void step7NothingIsDerivedWithoutSettingsOrSysMetadata() {
        assertEquals(record("{'workflow_id': 'wf', 'type': 'workflow'}"), normalize("{'workflow_id': 'wf'}"));
        ObjectNode out = normalize("{'workflow_id': 'wf', 'flowcept_settings': {'sys_metadata': 'alice'}}");
        assertFalse(out.has("user"));
    }

    @Test
    void step7DerivesNothingFromSettingsOfTheWrongType() {
        TestJson.assertPointers(() -> normalize("{'workflow_id': 'wf', 'flowcept_settings': [{'sys_metadata':"
                + " {'login_name': 'alice'}}]}"), "/flowcept_settings");
    }

    @Test
    void step7RunsBeforeStep8SoADerivedValueIsNotRedacted() {
        ObjectNode out = normalize("{'workflow_id': 'wf', 'flowcept_settings': {'sys_metadata': {'login_name':"
                + " 'sk-not-a-user'}}}");
        assertEquals("sk-not-a-user", out.get("user").textValue());
        assertEquals("REDACTED", out.get("flowcept_settings").get("sys_metadata").get("login_name").textValue());
    }

    // ---- step 8: secrets in flowcept_settings ----

    @Test
    void step8SecretKeysAreRedactedAtAnyDepthWhateverTheValue() {
        ObjectNode out = normalize("{'workflow_id': 'wf', 'flowcept_settings': {"
                + "'mq': {'host': 'localhost', 'password': 'hunter2'},"
                + "'agent': {'api_key': 'abc', 'OpenAI_API_KEY': 'abc', 'model': 'gpt-4o-mini'},"
                + "'aws': {'AWS_ACCESS_KEY_ID': 'AKIA', 'aws_secret_access_key': 'x', 'session': {'token': 1}},"
                + "'db': [{'passwd': true}, {'Credentials': {'user': 'u', 'pw': 'p'}}, {'my_secret_list': ['a']}],"
                + "'kv_db': {'password': null, 'refresh_token_ttl': 300}}}");
        assertEquals(json("{\"mq\": {\"host\": \"localhost\", \"password\": \"REDACTED\"},"
                + "\"agent\": {\"api_key\": \"REDACTED\", \"OpenAI_API_KEY\": \"REDACTED\", \"model\": \"gpt-4o-mini\"},"
                + "\"aws\": {\"AWS_ACCESS_KEY_ID\": \"REDACTED\", \"aws_secret_access_key\": \"REDACTED\","
                + " \"session\": {\"token\": \"REDACTED\"}},"
                + "\"db\": [{\"passwd\": \"REDACTED\"}, {\"Credentials\": \"REDACTED\"}, {\"my_secret_list\": \"REDACTED\"}],"
                + "\"kv_db\": {\"password\": \"REDACTED\", \"refresh_token_ttl\": \"REDACTED\"}}"),
                out.get("flowcept_settings"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sk-abc123", "key: sk-proj_ABC-123", "(sk-1)", "x,sk-_", "é sk-9", "sk--"})
    void step8StringsHoldingAnSkKeyAreRedactedWhole(String value) {
        ObjectNode record = record("{'workflow_id': 'wf', 'flowcept_settings': {'llm': {'note': 'x'}, 'list': []}}");
        ((ObjectNode) record.get("flowcept_settings").get("llm")).put("note", value);
        ((com.fasterxml.jackson.databind.node.ArrayNode) record.get("flowcept_settings").get("list")).add(value);
        ObjectNode out = RECORDS.normalize(record);
        assertEquals("REDACTED", out.get("flowcept_settings").get("llm").get("note").textValue());
        assertEquals("REDACTED", out.get("flowcept_settings").get("list").get(0).textValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ask-me", "task-1", "disk-usage", "sk-", "sk- x", "SK-abc", "_sk-abc", "9sk-abc", "ésk-abc",
        "s k-abc", "sk_abc"})
    void step8StringsWithoutAWordBoundedSkKeyAreKept(String value) {
        ObjectNode record = record("{'workflow_id': 'wf', 'flowcept_settings': {'note': 'x'}}");
        ((ObjectNode) record.get("flowcept_settings")).put("note", value);
        assertEquals(value, RECORDS.normalize(record).get("flowcept_settings").get("note").textValue());
    }

    @Test
    void step8RedactsOnlyInsideFlowceptSettings() {
        ObjectNode out = normalize("{'workflow_id': 'wf', 'used': {'password': 'p', 'key': 'sk-abc'},"
                + " 'custom_metadata': {'api_key': 'k'}, 'conf': {'token': 't'}, 'note': 'sk-abc'}");
        assertEquals("p", out.get("used").get("password").textValue());
        assertEquals("sk-abc", out.get("used").get("key").textValue());
        assertEquals("k", out.get("custom_metadata").get("api_key").textValue());
        assertEquals("t", out.get("conf").get("token").textValue());
        assertEquals("sk-abc", out.get("note").textValue());
    }

    @Test
    void step8KeyMarkersMatchAnywhereInTheLowerCasedName() {
        assertTrue(SecretRedaction.isSecretKey("tokenizer_type")); // the rule as written: contains "token"
        assertTrue(SecretRedaction.isSecretKey("DB_PASSWORD_FILE"));
        assertFalse(SecretRedaction.isSecretKey("pass_word"));
        assertFalse(SecretRedaction.isSecretKey("apikey"));
    }

    @Test
    void step8AlreadyRedactedSettingsStayTheSame() {
        ObjectNode once = normalize("{'workflow_id': 'wf', 'flowcept_settings': {'mq': {'password': 'REDACTED'}}}");
        assertEquals("REDACTED", once.get("flowcept_settings").get("mq").get("password").textValue());
    }

    // ---- step 9: everything else byte for byte ----

    @Test
    void step9OtherStringsAreKeptByteForByte() {
        String odd = "  Cafe\u0301 \u00e9 \uFB01 \t MiXeD\u200b  ";
        ObjectNode record = record("{'workflow_id': 'wf'}");
        for (String name : List.of("name", "subtype", "workflow_description", "user", "adapter_id", "agent_id",
                "flowcept_version", "environment_id", "sys_name", "extra_metadata", "unknown_field")) {
            record.put(name, odd);
        }
        record.putObject("used").put("path", odd);
        record.putArray("interceptor_ids").add(odd);
        ObjectNode out = RECORDS.normalize(record);
        for (String name : List.of("name", "subtype", "workflow_description", "user", "adapter_id", "agent_id",
                "flowcept_version", "environment_id", "sys_name", "extra_metadata", "unknown_field")) {
            assertEquals(odd, out.get(name).textValue(), name);
        }
        assertEquals(odd, out.get("used").get("path").textValue());
        assertEquals(odd, out.get("interceptor_ids").get(0).textValue());
    }

    @Test
    void step9UnknownFieldsAndNestedNumbersAreKeptAsSent() {
        ObjectNode out = normalize("{'workflow_id': 'wf', 'my_field': {'a': [1, 0.10, 1e400, -0.0, 'x']},"
                + " 'flowcept_extra': 12345678901234567890123}");
        assertEquals(json("{\"a\": [1, 0.10, 1e400, -0.0, \"x\"]}"), out.get("my_field"));
        assertEquals(new BigDecimal("0.10"), out.get("my_field").get("a").get(1).decimalValue());
        assertEquals("12345678901234567890123", out.get("flowcept_extra").bigIntegerValue().toString());
    }

    // ---- the result ----

    @Test
    void inputIsNotModified() {
        ObjectNode input = record("{'workflow_id': 'wf', 'name': null, 'status': 'finished', 'started_at':"
                + " 1785848405003, 'interceptor_ids': ['a', 'a'], 'node_name': 'N', 'public_ip': '::FFFF:1.2.3.4',"
                + " 'flowcept_settings': {'mq': {'password': 'x'}, 'sys_metadata': {'login_name': 'alice'}}}");
        ObjectNode before = input.deepCopy();
        ObjectNode out = RECORDS.normalize(input);
        assertEquals(before, input);
        assertNotSame(input, out);
        assertEquals("REDACTED", out.get("flowcept_settings").get("mq").get("password").textValue());
    }

    @Test
    void normalizationIsIdempotent() {
        ObjectNode once = normalize("{'workflow_id': 'wf', 'name': null, 'status': 'finished', 'started_at':"
                + " 1785848405003, 'ended_at': '2026-08-04T12:34:56.120+02:00', 'interceptor_ids': ['a', 'a'],"
                + " 'hostname': 'H.EXAMPLE', 'public_ip': '::FFFF:1.2.3.4', 'machine_info': {'1': {'cpu': 4}},"
                + " 'flowcept_settings': {'mq': {'password': 'x'}, 'k': 'sk-abc', 'sys_metadata': {'login_name':"
                + " 'alice', 'node_name': 'NODE', 'private_ip': '0:0::1'}}}");
        assertEquals(once, RECORDS.normalize(once));
        assertEquals(record("{'workflow_id': 'wf', 'status': 'FINISHED', 'started_at': 1785848405.003,"
                + " 'ended_at': 1785839696.120, 'interceptor_ids': ['a'], 'hostname': 'h.example',"
                + " 'public_ip': '::ffff:1.2.3.4', 'machine_info': {'1': {'cpu': 4}},"
                + " 'flowcept_settings': {'mq': {'password': 'REDACTED'}, 'k': 'REDACTED', 'sys_metadata':"
                + " {'login_name': 'alice', 'node_name': 'NODE', 'private_ip': '0:0::1'}},"
                + " 'type': 'workflow', 'user': 'alice', 'node_name': 'node', 'private_ip': '::1'}"), once);
    }
}
