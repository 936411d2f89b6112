package io.workflowingest.record;

import java.util.Map;

/** The fields of RECORD.md "Fields" and the JSON type each must have. */
final class WorkflowFields {
    static final String WORKFLOW_ID = "workflow_id";
    static final String PARENT_WORKFLOW_ID = "parent_workflow_id";
    static final String CAMPAIGN_ID = "campaign_id";
    static final String USER = "user";
    static final String ENVIRONMENT_ID = "environment_id";
    static final String SYS_NAME = "sys_name";
    static final String NODE_NAME = "node_name";
    static final String HOSTNAME = "hostname";
    static final String PUBLIC_IP = "public_ip";
    static final String PRIVATE_IP = "private_ip";
    static final String INTERCEPTOR_IDS = "interceptor_ids";
    static final String MACHINE_INFO = "machine_info";
    static final String FLOWCEPT_SETTINGS = "flowcept_settings";
    static final String STATUS = "status";
    static final String TYPE = "type";
    static final String WORKFLOW_TYPE = "workflow";

    /** What a field must be and how it is normalized. */
    enum Kind {
        /** String, 1..256 code points, id rules; never changed. */
        ID,
        /** Any string, stored byte for byte (step 9). */
        STRING,
        /** String, lower-cased (step 6: DNS names are case-insensitive). */
        HOST_NAME,
        /** Object, stored as sent. */
        OBJECT,
        /** Object, secrets redacted at any depth (step 8). */
        SETTINGS,
        /** Object or string (Flowcept sends an object; older docs say a serialized string). */
        OBJECT_OR_STRING,
        /** Array of strings, de-duplicated (step 5). */
        STRING_LIST,
        /** Epoch seconds or ISO-8601 with offset, made epoch seconds (step 3). */
        TIMESTAMP,
        /** One of the status vocabulary, any case, stored upper-case (step 4). */
        STATUS,
        /** Exactly "workflow" (set when absent, step 2). */
        TYPE,
        /** An IPv4 or IPv6 literal, stored canonical (step 6). */
        IP
    }

    static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry(WORKFLOW_ID, Kind.ID),
            Map.entry(PARENT_WORKFLOW_ID, Kind.ID),
            Map.entry(CAMPAIGN_ID, Kind.ID),
            Map.entry("name", Kind.STRING),
            Map.entry("subtype", Kind.STRING),
            Map.entry("workflow_description", Kind.STRING),
            Map.entry(USER, Kind.STRING),
            Map.entry("adapter_id", Kind.STRING),
            Map.entry("agent_id", Kind.STRING),
            Map.entry(INTERCEPTOR_IDS, Kind.STRING_LIST),
            Map.entry("used", Kind.OBJECT),
            Map.entry("generated", Kind.OBJECT),
            Map.entry("custom_metadata", Kind.OBJECT),
            Map.entry(MACHINE_INFO, Kind.OBJECT),
            Map.entry("conf", Kind.OBJECT),
            Map.entry(FLOWCEPT_SETTINGS, Kind.SETTINGS),
            Map.entry("code_repository", Kind.OBJECT),
            Map.entry("workflow_domain_data_schema", Kind.OBJECT),
            Map.entry("extra_metadata", Kind.OBJECT_OR_STRING),
            Map.entry("flowcept_version", Kind.STRING),
            Map.entry(ENVIRONMENT_ID, Kind.STRING),
            Map.entry(SYS_NAME, Kind.STRING),
            Map.entry(NODE_NAME, Kind.HOST_NAME),
            Map.entry(HOSTNAME, Kind.HOST_NAME),
            Map.entry(PUBLIC_IP, Kind.IP),
            Map.entry(PRIVATE_IP, Kind.IP),
            Map.entry("utc_timestamp", Kind.TIMESTAMP),
            Map.entry("started_at", Kind.TIMESTAMP),
            Map.entry("ended_at", Kind.TIMESTAMP),
            Map.entry(STATUS, Kind.STATUS),
            Map.entry(TYPE, Kind.TYPE));

    private WorkflowFields() {
    }
}
