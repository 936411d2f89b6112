package io.workflowingest.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties over generated input. Each property fixes its seed (jqwik has no global seed
 * setting; see junit-platform.properties), so runs are reproducible and a failure reports the
 * seed and the shrunk sample. Properties over generated records run without jqwik's edge
 * cases: for a record of thirty fields an edge case sets every field to an edge value at once,
 * which mostly tests the same rejection over and over.
 */
class RecordPropertiesTest {
    static final String SEED = "4102444800";

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final RecordLimits LIMITS = RecordLimits.defaults();
    private static final WorkflowRecords RECORDS = new WorkflowRecords(LIMITS);
    private static final StrictJson STRICT = new StrictJson(LIMITS);

    // ---- no input makes anything but a RecordRejectedException ----

    @Property(tries = 1000, seed = SEED)
    void arbitraryBytesAreAcceptedOrRejectedNeverFailOtherwise(@ForAll("bytes") byte[] body) {
        onlyRejections(() -> RECORDS.parseAndNormalize(body));
        onlyRejections(() -> STRICT.splitArray(body));
        onlyRejections(() -> STRICT.splitNdjson(body));
    }

    @Property(tries = 1000, seed = SEED)
    void jsonLikeBytesAreAcceptedOrRejectedNeverFailOtherwise(@ForAll("jsonishBytes") byte[] body) {
        onlyRejections(() -> RECORDS.parseAndNormalize(body));
        onlyRejections(() -> {
            for (BatchItem item : STRICT.splitArray(body)) {
                if (item.ok() && RecordKind.of(item.node()) != RecordKind.SKIPPED) {
                    onlyRejections(() -> RECORDS.normalize(item.node()));
                }
            }
        });
        onlyRejections(() -> STRICT.splitNdjson(body));
    }

    @Property(tries = 1000, seed = SEED, edgeCases = EdgeCasesMode.NONE)
    void arbitraryTreesAreNormalizedOrRejectedNeverFailOtherwise(@ForAll("anyRecord") JsonNode record) {
        onlyRejections(() -> RECORDS.normalize(record));
    }

    @Property(tries = 1000, seed = SEED, edgeCases = EdgeCasesMode.NONE)
    void rejectionsCarryPointersIntoTheRecord(@ForAll("record") ObjectNode record) {
        try {
            RECORDS.normalize(record);
        } catch (RecordRejectedException e) {
            assertFalse(e.problems().isEmpty());
            for (Problem problem : e.problems()) {
                assertTrue(problem.pointer().isEmpty() || problem.pointer().startsWith("/"), problem::toString);
                assertFalse(problem.message().isBlank());
            }
        }
    }

    // ---- normalization ----

    @Property(tries = 1000, seed = SEED, edgeCases = EdgeCasesMode.NONE)
    void normalizationIsIdempotentAndLeavesItsInputAlone(@ForAll("record") ObjectNode record) {
        ObjectNode before = record.deepCopy();
        ObjectNode once;
        try {
            once = RECORDS.normalize(record);
        } catch (RecordRejectedException e) {
            Statistics.collect("rejected");
            assertEquals(before, record);
            return;
        }
        Statistics.collect("accepted");
        assertEquals(before, record);
        assertEquals(once, RECORDS.normalize(once));
        ObjectNode reparsed = RECORDS.parseAndNormalize(TestJson.utf8(once.toString()));
        assertTrue(once.equals(RecordPropertiesTest::compareNumbersByValue, reparsed),
                () -> "survives a JSON round trip: " + once + " vs " + reparsed);
        Statistics.coverage(coverage -> coverage.check("accepted").percentage(p -> p >= 60));
    }

    @Property(tries = 1000, seed = SEED)
    void isoTimesBecomeTheExactEpochSecondsJavaTimeAgreesOn(
            @ForAll("epochSeconds") long seconds, @ForAll("offsetMinutes") int offsetMinutes,
            @ForAll("fractionDigits") String fraction) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
        String local = LocalDateTime.ofEpochSecond(seconds, 0, offset).format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss"));
        String iso = local + (fraction.isEmpty() ? "" : "." + fraction) + (offsetMinutes == 0 ? "Z" : offset.getId());
        ObjectNode record = NODES.objectNode().put("workflow_id", "wf").put("started_at", iso);
        BigDecimal expected = new BigDecimal(seconds + (fraction.isEmpty() ? "" : "." + fraction));
        assertEquals(expected, RECORDS.normalize(record).get("started_at").decimalValue(), iso);
    }

    @Property(tries = 1000, seed = SEED)
    void millisecondsBecomeExactSeconds(@ForAll("millis") BigDecimal millis) {
        ObjectNode record = NODES.objectNode().put("workflow_id", "wf");
        record.set("ended_at", DecimalNode.valueOf(millis));
        BigDecimal seconds = RECORDS.normalize(record).get("ended_at").decimalValue();
        assertEquals(0, millis.compareTo(seconds.movePointRight(3)), () -> millis + " -> " + seconds);
    }

    // ---- merging ----

    @Property(tries = 1000, seed = SEED, edgeCases = EdgeCasesMode.NONE)
    void mergeIsAssociativeForNormalizedRecords(@ForAll("mergeable") ObjectNode a, @ForAll("mergeable") ObjectNode b,
            @ForAll("mergeable") ObjectNode c) {
        ObjectNode x = RECORDS.normalize(a);
        ObjectNode y = RECORDS.normalize(b);
        ObjectNode z = RECORDS.normalize(c);
        ObjectNode left = RecordMerger.merge(RecordMerger.merge(x, y), z);
        ObjectNode right = RecordMerger.merge(x, RecordMerger.merge(y, z));
        assertEquals(left, right);
        assertEquals(x, RECORDS.normalize(a), "merge left its inputs alone");
        assertEquals(left, RECORDS.normalize(left), "a merge of normalized records is normalized");
    }

    @Property(tries = 1000, seed = SEED, edgeCases = EdgeCasesMode.NONE)
    void mergeFollowsTheRules(@ForAll("mergeable") ObjectNode a, @ForAll("mergeable") ObjectNode b) {
        ObjectNode x = RECORDS.normalize(a);
        ObjectNode y = RECORDS.normalize(b);
        ObjectNode merged = RecordMerger.merge(x, y);
        List<JsonNode> ids = new ArrayList<>();
        for (JsonNode id : x.path("interceptor_ids")) {
            ids.add(id);
        }
        for (JsonNode id : y.path("interceptor_ids")) {
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        assertEquals(ids, toList(merged.path("interceptor_ids")));
        String before = x.path("status").asText(null);
        String after = y.path("status").asText(null);
        boolean keep = after == null || (isTerminal(before) && !isTerminal(after));
        assertEquals(keep ? before : after, merged.path("status").asText(null));
        for (Map.Entry<String, JsonNode> field : y.properties()) {
            if (!field.getKey().equals("status") && !field.getKey().equals("interceptor_ids")
                    && !field.getKey().equals("machine_info")) {
                assertEquals(field.getValue(), merged.get(field.getKey()), field.getKey());
            }
        }
        x.properties().forEach(field -> assertTrue(merged.has(field.getKey()), field.getKey()));
    }

    // ---- IP literals ----

    @Property(tries = 1000, seed = SEED)
    void ipv6TextFormsBecomeTheRfc5952FormOfTheSameAddress(@ForAll("ipv6Groups") int[] groups,
            @ForAll("ipv6Style") int style) {
        String text = Ipv6Text.format(groups, style);
        String canonical = IpAddresses.canonical(text);
        assertNotNull(canonical, text);
        assertEquals(canonical, IpAddresses.canonical(canonical));
        assertEquals(java.util.Arrays.toString(groups), java.util.Arrays.toString(Ipv6Text.parse(canonical)), canonical);
        Ipv6Text.assertRfc5952(groups, canonical);
    }

    // ---- helpers ----

    private static void onlyRejections(Runnable call) {
        try {
            call.run();
        } catch (RecordRejectedException expected) {
            assertFalse(expected.problems().isEmpty());
        } catch (RuntimeException | StackOverflowError e) {
            fail("expected a RecordRejectedException or nothing, got " + e, e);
        }
    }

    /**
     * Leaf comparison for a JSON round trip: a tree built in code may hold DecimalNode(0) where
     * parsing "0" gives IntNode(0); the JSON number is the same.
     */
    private static int compareNumbersByValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    }

    private static boolean isTerminal(String status) {
        return "FINISHED".equals(status) || "ERROR".equals(status);
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    // ---- generators: bytes ----

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    }

    private static final List<String> TOKENS = List.of("{", "}", "[", "]", ",", ":", "\"", "\\", " ", "\n", "\r\n",
            "\"workflow_id\"", "\"wf-1\"", "\"type\"", "\"task\"", "\"workflow\"", "\"used\"", "\"status\"",
            "\"finished\"", "\"interceptor_ids\"", "\"started_at\"", "\"public_ip\"", "\"::FFFF:1.2.3.4\"",
            "\"2026-08-04T12:34:56.5+02:00\"", "\"flowcept_settings\"", "\"password\"", "\"sk-abc\"", "\"\\ud800\"",
            "\"\\udc00\\ud800\"", "\"\\ud83d\\ude00\"", "\"\\u0000\"", "\"\\\"\"", "\"é\"", "1", "-0", "0.10", "1e12",
            "1785848405003", "1e131072", "1e-99999", "1.5", "NaN", "Infinity", "-Infinity", "null", "true", "false",
            "tru", "01", "\"$x\"", "\"a.b\"", "\t");

    @Provide
    Arbitrary<byte[]> jsonishBytes() {
        Arbitrary<byte[]> token = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.of(TOKENS).map(t -> t.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, Arbitraries.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xEF, (byte) 0xBB,
                                (byte) 0xBF}, new byte[] {(byte) 0xF0, (byte) 0x9F}, new byte[] {0})));
        Arbitrary<byte[]> soup = token.list().ofMaxSize(60).map(RecordPropertiesTest::concat);
        // Mostly shaped like a batch or a record, so that the deeper paths are reached too.
        return Arbitraries.frequencyOf(
                Tuple.of(1, soup),
                Tuple.of(2, soup.map(inner -> concat(List.of(utf8("{\"workflow_id\": \"wf\", \"x\": "), inner,
                        utf8("}"))))),
                Tuple.of(2, soup.list().ofMaxSize(4).map(items -> {
                    List<byte[]> parts = new ArrayList<>();
                    parts.add(utf8("["));
                    for (int i = 0; i < items.size(); i++) {
                        parts.add(utf8(i == 0 ? "{\"workflow_id\": \"w\", \"k\": " : ", {\"workflow_id\": \"w\", \"k\": "));
                        parts.add(items.get(i));
                        parts.add(utf8("}"));
                    }
                    parts.add(utf8("]"));
                    return concat(parts);
                })));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    // ---- generators: JSON trees ----

    private static final List<String> ODD_STRINGS = List.of("", " ", "x", "FINISHED", "finished", "runnıng", "task",
            "workflow", "sk-abc123", "ask-me", "REDACTED", "10.0.0.1", "010.0.0.1", "::FFFF:1.2.3.4", "fe80::1%eth0",
            "2026-08-04T12:34:56Z", "2026-08-04T12:34:56", "2100-01-01T00:00:00Z", "a\u0000b", "\uD800", "x\uDC00",
            "\uD83D\uDE00", "İSTANBUL", "ΣΑΣ", "STRASSE", "\u212Aelvin", "a/b", "a\\b", "a b ", "\u00a0", "$x", "a.b");

    static Arbitrary<String> text() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().ofMaxLength(10)),
                Tuple.of(3, Arbitraries.of(ODD_STRINGS)),
                Tuple.of(2, Arbitraries.strings().withCharRange('a', 'z').withChars('A', 'Z', ' ', '-', '.', ':', '_')
                        .ofMinLength(1).ofMaxLength(12)));
    }

    static Arbitrary<JsonNode> scalar() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, textNodes(text())),
                Tuple.of(2, Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i))),
                Tuple.of(1, Arbitraries.longs().map(l -> (JsonNode) NODES.numberNode(l))),
                Tuple.of(1, Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(b -> (JsonNode) NODES.numberNode(b))),
                Tuple.of(2, decimals().map(d -> (JsonNode) DecimalNode.valueOf(d))),
                Tuple.of(1, Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1.5, 1e300)
                        .map(d -> (JsonNode) DoubleNode.valueOf(d))),
                Tuple.of(1, Arbitraries.of(new BigDecimal("1e131072"), new BigDecimal("1e-16384"), new BigDecimal("0e-99"))
                        .map(d -> (JsonNode) DecimalNode.valueOf(d))),
                Tuple.of(1, Arbitraries.<JsonNode>of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode())));
    }

    /** Scalars a valid record may hold anywhere: no NUL, no lone surrogate, no NaN, nothing too big. */
    static Arbitrary<JsonNode> cleanScalar() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, textNodes(text().filter(t -> !TestTexts.unstorable(t)))),
                Tuple.of(2, Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i))),
                Tuple.of(2, decimals().map(d -> (JsonNode) DecimalNode.valueOf(d))),
                Tuple.of(1, Arbitraries.<JsonNode>of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode())));
    }

    static Arbitrary<JsonNode> cleanJson(int depth) {
        if (depth == 0) {
            return cleanScalar();
        }
        Arbitrary<JsonNode> child = cleanJson(depth - 1);
        Arbitrary<String> key = text().filter(t -> !TestTexts.unstorable(t));
        return Arbitraries.frequencyOf(
                Tuple.of(3, cleanScalar()),
                Tuple.of(1, child.list().ofMaxSize(3).map(RecordPropertiesTest::array)),
                Tuple.of(1, Arbitraries.maps(key, child).ofMaxSize(3).map(RecordPropertiesTest::object)));
    }

    private static Arbitrary<BigDecimal> decimals() {
        return Combinators.combine(Arbitraries.longs().between(-5_000_000_000_000L, 5_000_000_000_000_000L),
                Arbitraries.integers().between(-3, 12)).as(BigDecimal::valueOf);
    }

    static Arbitrary<JsonNode> json(int depth) {
        if (depth == 0) {
            return scalar();
        }
        Arbitrary<JsonNode> child = json(depth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(4, scalar()),
                Tuple.of(1, child.list().ofMaxSize(4).map(RecordPropertiesTest::array)),
                Tuple.of(1, Arbitraries.maps(text(), child).ofMaxSize(4).map(RecordPropertiesTest::object)));
    }

    private static JsonNode array(List<JsonNode> items) {
        ArrayNode array = NODES.arrayNode();
        items.forEach(array::add);
        return array;
    }

    private static JsonNode object(Map<String, JsonNode> members) {
        ObjectNode object = NODES.objectNode();
        members.forEach(object::set);
        return object;
    }

    /** Any tree, mostly records: the known fields with values of any type, plus odd top-level keys. */
    @Provide
    Arbitrary<JsonNode> anyRecord() {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(WorkflowFields.KINDS.keySet().stream().sorted().toList())),
                Tuple.of(1, Arbitraries.of("mine", "$where", "used.epochs", "a/b~c", "", "x\u0000")));
        Arbitrary<ObjectNode> records = Combinators.combine(name, json(3)).as(Map::entry).list().ofMaxSize(12)
                .map(members -> {
                    ObjectNode record = NODES.objectNode();
                    members.forEach(member -> record.set(member.getKey(), member.getValue()));
                    return record;
                });
        return Arbitraries.frequencyOf(Tuple.of(8, records.map(r -> (JsonNode) r)), Tuple.of(1, json(2)));
    }

    /** Records that are mostly valid: each field usually well-formed, sometimes null or anything. */
    @Provide
    Arbitrary<ObjectNode> record() {
        List<Arbitrary<Map.Entry<String, JsonNode>>> fields = new ArrayList<>();
        WorkflowFields.KINDS.keySet().stream().sorted().forEach(field -> {
            if (!field.equals("workflow_id")) {
                Arbitrary<JsonNode> value = Arbitraries.frequencyOf(
                        Tuple.of(60, valid(field)),
                        Tuple.of(4, Arbitraries.just(NODES.nullNode())),
                        Tuple.of(1, json(2)));
                fields.add(value.map(v -> Map.entry(field, v)).injectNull(0.6));
            }
        });
        Arbitrary<Map.Entry<String, JsonNode>> id = Arbitraries.frequencyOf(
                        Tuple.of(30, ids()), Tuple.of(1, json(1)))
                .map(v -> Map.entry("workflow_id", v));
        fields.add(0, id);
        fields.add(Combinators.combine(Arbitraries.of("mine", "extra", "flowcept_new"), cleanJson(3)).as(Map::entry)
                .injectNull(0.7));
        return Combinators.combine(fields).as(entries -> {
            ObjectNode record = NODES.objectNode();
            for (Map.Entry<String, JsonNode> entry : entries) {
                if (entry != null) {
                    record.set(entry.getKey(), entry.getValue());
                }
            }
            return record;
        });
    }

    /** Valid records for one workflow_id that differ where merging matters. */
    @Provide
    Arbitrary<ObjectNode> mergeable() {
        Arbitrary<JsonNode> status = Arbitraries.of(WorkflowRecords.STATUSES).map(s -> (JsonNode) TextNode.valueOf(
                s.toLowerCase(Locale.ROOT))).injectNull(0.3);
        Arbitrary<JsonNode> interceptors = Arbitraries.of("1", "2", "3", "4").list().ofMaxSize(5)
                .map(ids -> array(ids.stream().map(i -> (JsonNode) TextNode.valueOf(i)).toList())).injectNull(0.3);
        Arbitrary<JsonNode> machineInfo = Arbitraries.maps(Arbitraries.of("1", "2", "3", "4"), cleanJson(1))
                .ofMaxSize(3).map(RecordPropertiesTest::object).injectNull(0.3);
        Arbitrary<JsonNode> name = Arbitraries.of("a", "b", "c").map(s -> (JsonNode) TextNode.valueOf(s)).injectNull(0.5);
        Arbitrary<JsonNode> used = Arbitraries.maps(Arbitraries.of("x", "y"), cleanScalar()).ofMaxSize(2).map(RecordPropertiesTest::object).injectNull(0.5);
        Arbitrary<JsonNode> time = timestamp().injectNull(0.5);
        return Combinators.combine(status, interceptors, machineInfo, name, used, time).as((s, i, m, n, u, t) -> {
            ObjectNode record = NODES.objectNode().put("workflow_id", "wf-1");
            putIfNotNull(record, "status", s);
            putIfNotNull(record, "interceptor_ids", i);
            putIfNotNull(record, "machine_info", m);
            putIfNotNull(record, "name", n);
            putIfNotNull(record, "used", u);
            putIfNotNull(record, "started_at", t);
            return record;
        });
    }

    private static void putIfNotNull(ObjectNode record, String field, JsonNode value) {
        if (value != null) {
            record.set(field, value);
        }
    }

    private static Arbitrary<JsonNode> ids() {
        return textNodes(Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-', '_', '.', ':')
                .ofMinLength(1).ofMaxLength(40));
    }

    private static Arbitrary<JsonNode> textNodes(Arbitrary<String> texts) {
        return texts.map(s -> (JsonNode) TextNode.valueOf(s));
    }

    private static Arbitrary<JsonNode> valid(String field) {
        switch (WorkflowFields.KINDS.get(field)) {
            case ID:
                return ids();
            case STRING:
                return textNodes(text().filter(s -> !TestTexts.unstorable(s)));
            case HOST_NAME:
                return textNodes(Arbitraries.strings().withChars("aAzZİıΣσςßK\u212A09.-").ofMaxLength(12));
            case OBJECT:
            case OBJECT_OR_STRING:
                return Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(5), cleanJson(2)).ofMaxSize(4)
                        .map(RecordPropertiesTest::object);
            case SETTINGS:
                return settings();
            case STRING_LIST:
                return Arbitraries.of("139853578106128", "2", "x").list().ofMaxSize(5)
                        .map(ids -> array(ids.stream().map(i -> (JsonNode) TextNode.valueOf(i)).toList()));
            case TIMESTAMP:
                return timestamp();
            case STATUS:
                return Combinators.combine(Arbitraries.of(WorkflowRecords.STATUSES), Arbitraries.integers().between(0, 2))
                        .as((s, c) -> (JsonNode) TextNode.valueOf(c == 0 ? s : c == 1 ? s.toLowerCase(Locale.ROOT)
                                : s.charAt(0) + s.substring(1).toLowerCase(Locale.ROOT)));
            case TYPE:
                return textNodes(Arbitraries.just("workflow"));
            case IP:
                return textNodes(validIpText());
            default:
                throw new IllegalStateException(field);
        }
    }

    static Arbitrary<JsonNode> settings() {
        Arbitrary<String> clean = text().filter(t -> !TestTexts.unstorable(t));
        Arbitrary<JsonNode> sys = Combinators.combine(
                clean, Arbitraries.strings().withChars("aAbBİ0.-").ofMaxLength(8), ipText(), ipText(), clean)
                .as((login, node, publicIp, privateIp, env) -> {
                    ObjectNode meta = NODES.objectNode();
                    meta.put("login_name", login).put("node_name", node).put("public_ip", publicIp)
                            .put("private_ip", privateIp).put("environment_id", env).put("sys_name", "Frontier");
                    return meta;
                });
        Arbitrary<JsonNode> secretish = Arbitraries.maps(
                Arbitraries.of("password", "API_KEY", "token", "host", "note", "aws_access_key_id", "list"),
                Arbitraries.frequencyOf(Tuple.of(3, textNodes(Arbitraries.of("sk-abc", "x sk-1", "ask-me",
                        "localhost"))), Tuple.of(1, cleanJson(2))))
                .ofMaxSize(5).map(RecordPropertiesTest::object);
        return Combinators.combine(sys.injectNull(0.2), secretish, clean.injectNull(0.5)).as((meta, nested, user) -> {
            ObjectNode settings = NODES.objectNode();
            putIfNotNull(settings, "sys_metadata", meta);
            settings.set("mq", nested);
            if (user != null) {
                settings.putObject("experiment").put("user", user);
            }
            return settings;
        });
    }

    static Arbitrary<JsonNode> timestamp() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, epochSecondsArb().map(s -> (JsonNode) NODES.numberNode(s))),
                Tuple.of(2, Combinators.combine(epochSecondsArb(), fractionDigitsArb())
                        .as((s, f) -> (JsonNode) DecimalNode.valueOf(new BigDecimal(s + (f.isEmpty() ? "" : "." + f))))),
                Tuple.of(2, millisArb().map(m -> (JsonNode) DecimalNode.valueOf(m))),
                Tuple.of(2, Combinators.combine(epochSecondsArb(), offsetMinutesArb(), fractionDigitsArb()).as((s, o, f) -> {
                    ZoneOffset offset = ZoneOffset.ofTotalSeconds(o * 60);
                    return (JsonNode) TextNode.valueOf(LocalDateTime.ofEpochSecond(s, 0, offset)
                            .format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss"))
                            + (f.isEmpty() ? "" : "." + f) + (o == 0 ? "Z" : offset.getId()));
                })));
    }

    @Provide
    Arbitrary<Long> epochSeconds() {
        return epochSecondsArb();
    }

    @Provide
    Arbitrary<Integer> offsetMinutes() {
        return offsetMinutesArb();
    }

    @Provide
    Arbitrary<String> fractionDigits() {
        return fractionDigitsArb();
    }

    @Provide
    Arbitrary<BigDecimal> millis() {
        return millisArb();
    }

    @Provide
    Arbitrary<int[]> ipv6Groups() {
        return ipv6GroupsArb();
    }

    @Provide
    Arbitrary<Integer> ipv6Style() {
        return ipv6StyleArb();
    }

    private static Arbitrary<Long> epochSecondsArb() {
        return Arbitraries.longs().between(0, 4_102_444_799L);
    }

    private static Arbitrary<Integer> offsetMinutesArb() {
        return Arbitraries.integers().between(-(18 * 60), 18 * 60);
    }

    private static Arbitrary<String> fractionDigitsArb() {
        return Arbitraries.strings().numeric().ofMaxLength(12);
    }

    private static Arbitrary<BigDecimal> millisArb() {
        return Combinators.combine(Arbitraries.longs().between(1_000_000_000_000L, 4_102_444_799_999L),
                Arbitraries.strings().numeric().ofMaxLength(4))
                .as((ms, f) -> new BigDecimal(ms + (f.isEmpty() ? "" : "." + f)));
    }

    static Arbitrary<String> validIpText() {
        Arbitrary<String> ipv4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(octets -> String.join(".", octets.stream().map(String::valueOf).toList()));
        Arbitrary<String> ipv6 = Combinators.combine(ipv6GroupsArb(), ipv6StyleArb()).as(Ipv6Text::format);
        return Arbitraries.oneOf(ipv4, ipv6);
    }

    /** Mostly valid literals, sometimes what sys_metadata must not pass on. */
    private static Arbitrary<String> ipText() {
        return Arbitraries.frequencyOf(Tuple.of(6, validIpText()), Tuple.of(1, Arbitraries.of("localhost",
                "010.0.0.1", "1.2.3", "fe80::1%eth0", "[::1]", "::ffff:1.2.3.4", "")));
    }

    private static Arbitrary<int[]> ipv6GroupsArb() {
        // Zero groups are common so that runs of zeros, ties and IPv4-mapped forms come up.
        Arbitrary<Integer> group = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.just(0xffff)), Tuple.of(3, Arbitraries.integers().between(0, 0xffff)));
        Arbitrary<int[]> any = group.list().ofSize(8).map(g -> g.stream().mapToInt(Integer::intValue).toArray());
        Arbitrary<int[]> mapped = Arbitraries.integers().between(0, 0xffff).list().ofSize(2)
                .map(g -> new int[] {0, 0, 0, 0, 0, 0xffff, g.get(0), g.get(1)});
        return Arbitraries.frequencyOf(Tuple.of(5, any), Tuple.of(1, mapped));
    }

    private static Arbitrary<Integer> ipv6StyleArb() {
        return Arbitraries.integers().between(0, Ipv6Text.STYLES - 1);
    }

    /** Text helpers that do not share code with the implementation under test. */
    static final class TestTexts {
        static boolean unstorable(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == 0) {
                    return true;
                }
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return true;
                }
            }
            return false;
        }
    }
}
