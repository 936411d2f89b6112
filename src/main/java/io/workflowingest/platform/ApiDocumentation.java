package io.workflowingest.platform;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The shared parts of the OpenAPI document, added at build time so that a route only needs its
 * own {@code @Operation}/{@code @APIResponse} annotations:
 * <ul>
 * <li>the bearer API-key scheme, and on every {@code /api} operation a security requirement with
 * the scope its {@link RequiresScope} declares (read from the Jandex index, the same annotation
 * {@link ApiKeyFilter} enforces) plus the 401, 403 and 503 answers;</li>
 * <li>the {@code Problem} schema and reusable problem responses that routes reference by name
 * ({@code @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)});</li>
 * <li>{@code X-Request-Id} on every answer.</li>
 * </ul>
 * Internal routes are left out: API Gateway callers get 404 there.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ApiDocumentation implements OASFilter {

    public static final String SECURITY_SCHEME = "apiKey";
    public static final String PROBLEM = "ApiProblem";
    public static final String WORKFLOW_RECORD = "WorkflowRecord";
    public static final String WORKFLOW_RECORDS = "WorkflowRecordArray";
    public static final String BAD_REQUEST = "BadRequest";
    public static final String NOT_FOUND = "NotFound";
    public static final String CONFLICT = "Conflict";
    public static final String TOO_LARGE = "ContentTooLarge";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String UNAVAILABLE = "ServiceUnavailable";
    public static final String PROBLEM_JSON = ApiProblem.MEDIA_TYPE;

    private static final DotName REQUIRES_SCOPE = DotName.createSimple(RequiresScope.class.getName());
    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    /** "GET /api/v1/workflows/{workflow_id}" → scope. */
    private final Map<String, Scope> scopes;

    public ApiDocumentation() {
        this.scopes = Map.of();
    }

    /** SmallRye passes the application's index at build time. */
    public ApiDocumentation(IndexView index) {
        this.scopes = scopesOf(index);
    }

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        components.addSecurityScheme(SECURITY_SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description("An API key: 'Authorization: Bearer <key>'. Each key has scope ingest (POST records), "
                        + "read (GET and query) or admin (delete and cleanup; implies the others). The operation's "
                        + "security requirement names the scope it needs."));
        components.addSchema(PROBLEM, problemSchema());
        components.addSchema(WORKFLOW_RECORD, workflowRecordSchema());
        components.addSchema(WORKFLOW_RECORDS, OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                .items(OASFactory.createSchema().ref(WORKFLOW_RECORD)).maxItems(1000)
                .description("Workflow records (other Flowcept messages, with a type other than \"workflow\", are skipped)."));
        components.addHeader("X-Request-Id", OASFactory.createHeader()
                .description("The caller's X-Request-Id when it is 1-200 printable ASCII characters, else API Gateway's "
                        + "request id or a new one. Problem bodies repeat it; log lines carry it.")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        components.addHeader("Retry-After", OASFactory.createHeader()
                .description("Seconds to wait before retrying.")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        components.addResponse(BAD_REQUEST, problem("Malformed or invalid input; `errors` lists each problem with its JSON pointer."));
        components.addResponse(NOT_FOUND, problem("No such resource."));
        components.addResponse(CONFLICT, problem("The request conflicts with the stored state; nothing was changed."));
        components.addResponse(TOO_LARGE, problem("The body, a record or a batch is over its limit (see the service configuration)."));
        components.addResponse(UNSUPPORTED_MEDIA_TYPE, problem("The Content-Type or Content-Encoding is not accepted here."));
        components.addResponse(UNAUTHORIZED, problem("No API key, or an unknown one (`missing-api-key`, `invalid-api-key`).")
                .addHeader("WWW-Authenticate", OASFactory.createHeader()
                        .description("Bearer realm=\"workflow-ingest\" (with error=\"invalid_token\" for an unknown key).")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING))));
        components.addResponse(FORBIDDEN, problem("The key lacks the scope this operation needs (`insufficient-scope`)."));
        components.addResponse(UNAVAILABLE, problem("The database is unreachable or overloaded (`database-unavailable`), or the "
                + "statement ran past its time limit (`query-timeout`). Retry after the Retry-After seconds.")
                .addHeader("Retry-After", OASFactory.createHeader().ref("Retry-After")));

        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        for (String path : new ArrayList<>(api.getPaths().getPathItems().keySet())) {
            if (ApiKeyFilter.isInternal(path)) {
                api.getPaths().removePathItem(path);
                continue;
            }
            PathItem item = api.getPaths().getPathItem(path);
            for (Map.Entry<PathItem.HttpMethod, Operation> op : item.getOperations().entrySet()) {
                if (path.startsWith("/api/")) {
                    secure(op.getValue(), scopes.get(op.getKey().name() + " " + path));
                }
                if (op.getValue().getResponses() != null && op.getValue().getResponses().getAPIResponses() != null) {
                    for (APIResponse response : op.getValue().getResponses().getAPIResponses().values()) {
                        if (response.getRef() == null) {
                            response.addHeader("X-Request-Id", OASFactory.createHeader().ref("X-Request-Id"));
                        }
                    }
                }
            }
        }
        // Shared responses carry the request id too (a $ref response cannot add headers).
        for (String name : List.of(BAD_REQUEST, NOT_FOUND, CONFLICT, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, UNAUTHORIZED, FORBIDDEN, UNAVAILABLE)) {
            components.getResponses().get(name).addHeader("X-Request-Id", OASFactory.createHeader().ref("X-Request-Id"));
        }
    }

    private static void secure(Operation operation, Scope scope) {
        List<String> scopeNames = scope == null ? List.of() : List.of(scope.id());
        operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(SECURITY_SCHEME, scopeNames));
        if (scope != null) {
            String needs = "Requires an API key with scope `" + scope.id() + "`" + (scope == Scope.ADMIN ? "." : " (or `admin`).");
            operation.setDescription(operation.getDescription() == null ? needs : operation.getDescription() + "\n\n" + needs);
            operation.addExtension("x-required-scope", scope.id());
        }
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        operation.setResponses(responses);
        addIfAbsent(responses, "401", UNAUTHORIZED);
        addIfAbsent(responses, "403", FORBIDDEN);
        addIfAbsent(responses, "503", UNAVAILABLE);
    }

    private static void addIfAbsent(APIResponses responses, String status, String ref) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(ref));
        }
    }

    private static APIResponse problem(String description) {
        Content content = OASFactory.createContent().addMediaType(PROBLEM_JSON,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM)));
        return OASFactory.createAPIResponse().description(description).content(content);
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema error = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("pointer", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("JSON pointer (RFC 6901) into the request body; empty for the body as a whole."))
                .addProperty("message", string);
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                .description("The kind of problem, a relative URI such as `invalid-record`, `missing-api-key`, `database-unavailable`."));
        properties.put("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("The HTTP reason phrase."));
        properties.put("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER));
        properties.put("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("What went wrong, for a human."));
        properties.put("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(error)
                .description("Every problem of the input, each with its JSON pointer (invalid input only)."));
        properties.put("request_id", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                .description("The request id, as in the X-Request-Id header."));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem document (application/problem+json).")
                .properties(properties)
                .required(List.of("type", "title", "status"));
    }

    /** The main fields of RECORD.md; others are kept as sent. */
    private static Schema workflowRecordSchema() {
        Map<String, Schema> p = new LinkedHashMap<>();
        p.put("workflow_id", text("Unique id of the run, 1..256 code points, no '/', '\\', control characters or surrounding whitespace."));
        p.put("parent_workflow_id", text("The parent workflow (same id rules)."));
        p.put("campaign_id", text("Groups related workflows (same id rules)."));
        p.put("name", text("Human-readable name."));
        p.put("subtype", text("Category, e.g. ml_workflow."));
        p.put("user", text("Who started it (derived from flowcept_settings.sys_metadata.login_name when absent)."));
        p.put("status", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                .enumeration(List.of("SUBMITTED", "WAITING", "RUNNING", "FINISHED", "ERROR", "UNKNOWN"))
                .description("Run state; sent in any case, stored upper-case. A terminal status is not replaced by a later non-terminal one."));
        p.put("environment_id", text("Execution environment, e.g. a cluster name."));
        p.put("utc_timestamp", time("When the metadata was recorded."));
        p.put("started_at", time("Run start."));
        p.put("ended_at", time("Run end."));
        p.put("interceptor_ids", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                .items(OASFactory.createSchema().addType(Schema.SchemaType.STRING)).description("Merged as a union, first-seen order."));
        p.put("used", object("Inputs: model and dataset paths, configuration, arguments."));
        p.put("generated", object("Outputs: model paths, results, artifacts."));
        p.put("custom_metadata", object("User tags."));
        p.put("machine_info", object("Machine description keyed by interceptor id; merged one level deep."));
        p.put("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).enumeration(List.of("workflow")));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("A Flowcept workflow record (RECORD.md). Every field but workflow_id is optional; other fields "
                        + "(code_repository, flowcept_settings, conf, hostname, ...) are kept as sent, nulls are dropped; at most "
                        + "64 levels deep and 1 MiB by default. Records of one workflow_id merge: top-level fields last-writer-wins.")
                .properties(p)
                .required(List.of("workflow_id"))
                .additionalPropertiesSchema(OASFactory.createSchema());
    }

    private static Schema text(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }

    private static Schema object(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description(description);
    }

    private static Schema time(String description) {
        return OASFactory.createSchema().description(description
                + " Epoch seconds; also accepted as epoch milliseconds or an ISO-8601 string with an offset (stored as seconds).")
                .oneOf(List.of(OASFactory.createSchema().addType(Schema.SchemaType.NUMBER),
                        OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("date-time")));
    }

    /** Every route's scope from {@link RequiresScope} in the index, keyed as "METHOD /path". */
    static Map<String, Scope> scopesOf(IndexView index) {
        Map<String, Scope> scopes = new HashMap<>();
        for (AnnotationInstance a : index.getAnnotations(REQUIRES_SCOPE)) {
            Scope scope = Scope.valueOf(a.value().asEnum());
            if (a.target().kind() == AnnotationTarget.Kind.METHOD) {
                MethodInfo method = a.target().asMethod();
                put(scopes, method.declaringClass(), method, scope, true);
            } else if (a.target().kind() == AnnotationTarget.Kind.CLASS) {
                ClassInfo type = a.target().asClass();
                for (MethodInfo method : type.methods()) {
                    put(scopes, type, method, scope, false);
                }
            }
        }
        return scopes;
    }

    private static void put(Map<String, Scope> scopes, ClassInfo type, MethodInfo method, Scope scope, boolean override) {
        String http = null;
        for (AnnotationInstance a : method.declaredAnnotations()) {
            String simple = a.name().withoutPackagePrefix().toUpperCase(Locale.ROOT);
            if (a.name().packagePrefix() != null && a.name().packagePrefix().equals("jakarta.ws.rs") && HTTP_METHODS.contains(simple)) {
                http = simple;
            }
        }
        if (http == null) {
            return;
        }
        AnnotationInstance classPath = type.declaredAnnotation(PATH);
        AnnotationInstance methodPath = method.declaredAnnotation(PATH);
        String template = "/" + (classPath == null ? "" : classPath.value().asString()) + "/"
                + (methodPath == null ? "" : methodPath.value().asString());
        template = template.replaceAll("\\{\\s*([^}:\\s]+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        if (template.length() > 1 && template.endsWith("/")) {
            template = template.substring(0, template.length() - 1);
        }
        String key = http + " " + template;
        if (override || !scopes.containsKey(key)) {
            scopes.put(key, scope);
        }
    }
}
