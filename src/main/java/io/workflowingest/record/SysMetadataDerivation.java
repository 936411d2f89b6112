package io.workflowingest.record;

import static io.workflowingest.record.WorkflowFields.ENVIRONMENT_ID;
import static io.workflowingest.record.WorkflowFields.FLOWCEPT_SETTINGS;
import static io.workflowingest.record.WorkflowFields.NODE_NAME;
import static io.workflowingest.record.WorkflowFields.PRIVATE_IP;
import static io.workflowingest.record.WorkflowFields.PUBLIC_IP;
import static io.workflowingest.record.WorkflowFields.SYS_NAME;
import static io.workflowingest.record.WorkflowFields.USER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;

/**
 * RECORD.md normalization step 7: fields the Flowcept configuration already knows are filled
 * from {@code flowcept_settings.sys_metadata} when the record lacks them. A sent value always
 * wins; only non-empty strings that pass validation are taken. It runs before steps 3-6, so a
 * derived value is then normalized like a sent one (node_name lower-cased, IPs canonical).
 */
final class SysMetadataDerivation {
    private static final String SYS_METADATA = "sys_metadata";
    private static final String LOGIN_NAME = "login_name";
    private static final String EXPERIMENT = "experiment";

    private SysMetadataDerivation() {
    }

    /** Adds derivable fields absent from {@code fields} (the record after steps 1 and 2). */
    static void deriveInto(Map<String, JsonNode> fields) {
        JsonNode settings = fields.get(FLOWCEPT_SETTINGS);
        if (settings == null || !settings.isObject()) {
            return;
        }
        JsonNode sys = settings.get(SYS_METADATA);
        String user = usableText(sys, LOGIN_NAME);
        deriveIfAbsent(fields, USER, user != null ? user : usableText(settings.get(EXPERIMENT), USER));
        deriveIfAbsent(fields, ENVIRONMENT_ID, usableText(sys, ENVIRONMENT_ID));
        deriveIfAbsent(fields, SYS_NAME, usableText(sys, SYS_NAME));
        deriveIfAbsent(fields, NODE_NAME, usableText(sys, NODE_NAME));
        deriveIfAbsent(fields, PUBLIC_IP, usableIp(sys, PUBLIC_IP));
        deriveIfAbsent(fields, PRIVATE_IP, usableIp(sys, PRIVATE_IP));
    }

    private static void deriveIfAbsent(Map<String, JsonNode> fields, String field, String value) {
        if (value != null && !fields.containsKey(field)) {
            fields.put(field, TextNode.valueOf(value));
        }
    }

    /** The string at {@code parent.key} if it would pass validation as a field, else null. */
    private static String usableText(JsonNode parent, String key) {
        if (parent == null || !parent.isObject()) {
            return null;
        }
        JsonNode value = parent.get(key);
        if (value == null || !value.isTextual()) {
            return null;
        }
        String text = value.textValue();
        return text.isEmpty() || Texts.unstorableCharacter(text) != null ? null : text;
    }

    private static String usableIp(JsonNode parent, String key) {
        String text = usableText(parent, key);
        return text != null && IpAddresses.canonical(text) != null ? text : null;
    }
}
