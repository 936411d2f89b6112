package io.workflowingest.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Offline checks of terraform/ in CI (no Terraform binary is reachable here): HCL syntax, every
 * reference declared, API Gateway routes equal to the application's public JAX-RS routes, the
 * scheduler and migration inputs equal to the event files the tests post, no unexplained "*" IAM
 * resource. Each check is proven by a broken copy of the configuration that it must reject.
 */
class TerraformConfigTest {

    static final Path TERRAFORM = Path.of("terraform");
    static final Path CLASSES = Path.of("target/classes");

    static AppRoutes app;

    @BeforeAll
    static void scanApplication() {
        app = AppRoutes.scan(CLASSES, "io.workflowingest");
    }

    // ---- The real configuration -------------------------------------------------------------

    @Test
    void everyFileParses() {
        assertEquals(List.of(), TerraformChecks.syntax(TERRAFORM));
        assertTrue(TerraformChecks.tfFiles(TERRAFORM).size() >= 10, "files by concern");
    }

    @Test
    void everyReferenceIsDeclared() {
        assertEquals(List.of(), TerraformChecks.load(TERRAFORM).references());
    }

    @Test
    void gatewayRoutesAreExactlyThePublicRoutesOfTheApplication() {
        assertTrue(app.publicRoutes().contains("POST /api/v1/workflows"), "the scan finds the JAX-RS resources: " + app);
        assertTrue(app.publicRoutes().contains("GET /api/v1/workflows/{workflow_id}"), app.toString());
        assertTrue(app.internalRoutes().contains("POST /internal/cleanup"), "internal routes are told apart: " + app);
        assertEquals(List.of(), TerraformChecks.load(TERRAFORM).routes(app));
    }

    @Test
    void schedulerAndMigrationSendTheEventFilesTheTestsPost() {
        assertEquals(List.of(), TerraformChecks.load(TERRAFORM).eventFileReferences());
    }

    @Test
    void eventFilesAreRawInternalInvocations() throws IOException {
        Path cleanup = TERRAFORM.resolve(TerraformChecks.SCHEDULED_CLEANUP_EVENT);
        Path migrate = TERRAFORM.resolve(TerraformChecks.MIGRATE_EVENT);
        assumeTrue(Files.exists(cleanup) && Files.exists(migrate),
                "the event files come with the internal routes (cleanup branch)");
        assertEquals(List.of(), TerraformChecks.eventFile(cleanup));
        assertEquals(List.of(), TerraformChecks.eventFile(migrate));
        // ... and they are the files the application's tests post, so the schedule cannot drift from them.
        String tests = testSources();
        assertTrue(tests.contains("scheduled-cleanup.json"), "a test posts terraform/" + TerraformChecks.SCHEDULED_CLEANUP_EVENT);
        assertTrue(tests.contains("migrate.json"), "a test posts terraform/" + TerraformChecks.MIGRATE_EVENT);
    }

    @Test
    void wildcardResourcesAreExplained() {
        assertEquals(List.of(), TerraformChecks.load(TERRAFORM).wildcardResources());
    }

    @Test
    void functionEnvironmentIsWhatTheApplicationReads() throws IOException {
        Hcl.File function = Hcl.parse("function.tf", TerraformChecks.read(TERRAFORM.resolve("function.tf")));
        Hcl.Block lambda = function.body().blocks("resource").stream()
                .filter(b -> b.labels().equals(List.of("aws_lambda_function", "this"))).findFirst().orElseThrow();
        assertEquals("\"provided.al2023\"", lambda.body().attribute("runtime").compact());
        assertEquals("\"bootstrap\"", lambda.body().attribute("handler").compact());
        List<Hcl.Token> variables = lambda.body().blocks("environment").get(0).body().attribute("variables").expression();
        java.util.Map<String, String> environment = new java.util.TreeMap<>();
        for (int i = 0; i + 2 < variables.size(); i++) {
            if (variables.get(i).kind() == Hcl.Kind.IDENT && variables.get(i + 1).is("=")) {
                environment.put(variables.get(i).text(), variables.get(i + 2).toString());
            }
        }
        // API.md "Configuration": the standard Quarkus datasource variables and the service's own.
        assertTrue(environment.keySet().containsAll(Set.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                "QUARKUS_DATASOURCE_USERNAME", "INGEST_AUTH_KEYS", "INGEST_RETENTION_DAYS")), environment.toString());
        // The profile that turns on IAM tokens and TLS verify-full exists in application.properties.
        assertEquals("\"prod,aws\"", environment.get("QUARKUS_PROFILE"));
        String properties = Files.readString(Path.of("src/main/resources/application.properties"), StandardCharsets.UTF_8);
        assertTrue(properties.contains("%aws.quarkus.datasource.credentials-provider=rds-iam"), "application.properties has the aws profile");
    }

    @Test
    void readmeDocumentsExactlyTheDeclaredVariables() {
        assertEquals(List.of(), TerraformChecks.load(TERRAFORM).documentedVariables(TERRAFORM.resolve("README.md")));
    }

    @Test
    void undocumentedOrStaleVariableFails(@TempDir Path dir) throws IOException {
        copyTerraform(dir);
        edit(dir.resolve("README.md"), "| `db_multi_az` | bool | `false` | RDS standby in a second zone |\n", "");
        edit(dir.resolve("README.md"), "| `region` |", "| `aws_region` |");
        List<String> problems = TerraformChecks.load(dir).documentedVariables(dir.resolve("README.md"));
        assertProblem(problems, "variable db_multi_az is not in the README's variables table");
        assertProblem(problems, "variable region is not in the README's variables table");
        assertProblem(problems, "README documents aws_region, which variables.tf does not declare");
    }

    // ---- Each check rejects a broken copy ---------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unclosed block at the end of a file | versions.tf   | default_tags {\\n    tags = local.tags\\n  }\\n}                 | default_tags {\\n    tags = local.tags\\n  }
            unterminated string                 | api.tf        | "POST /api/v1/workflows/batch",                                  | "POST /api/v1/workflows/batch,
            missing equals sign                 | schedule.tf   | state                        = "ENABLED"                         | state "ENABLED"
            attribute without a value           | function.tf   | handler          = "bootstrap"                                   | handler          =
            mismatched bracket                  | function.tf   | [aws_security_group.function.id]                                 | [aws_security_group.function.id)
            extra closing brace                 | outputs.tf    | value       = aws_sqs_queue.cleanup_dlq.url\\n}                  | value       = aws_sqs_queue.cleanup_dlq.url\\n}\\n}
            dangling operator                   | database.tf   | max(var.db_backup_retention_days, 1)                             | max(var.db_backup_retention_days, 1) +
            stray character                     | iam.tf        | sid       = "WriteOwnLogs"                                       | sid       = "WriteOwnLogs" ;
            unclosed parenthesis                | main.tf       | merge(var.tags, {                                                | merge((var.tags, {
            two values without an operator      | function.tf   | runtime          = "provided.al2023"                             | runtime          = "provided" "al2023"
            unterminated heredoc                | network.tf    | description = "PostgreSQL: reached by RDS Proxy only"            | description = <<EOT
            """)
    void syntaxErrorsFail(String problem, String file, String from, String to, @TempDir Path dir) throws IOException {
        copyTerraform(dir);
        edit(dir.resolve(file), from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        List<String> problems = TerraformChecks.syntax(dir);
        assertFalse(problems.isEmpty(), problem + " must fail the syntax check");
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(file + ":")), problem + ": " + problems);
    }

    @Test
    void undeclaredVariableFails(@TempDir Path dir) throws IOException {
        copyTerraform(dir);
        edit(dir.resolve("function.tf"), "var.memory_size", "var.memory_sise");
        assertProblem(TerraformChecks.load(dir).references(), "var.memory_sise is not declared");
    }

    @Test
    void undeclaredLocalFails(@TempDir Path dir) throws IOException {
        copyTerraform(dir);
        edit(dir.resolve("schedule.tf"), "\"${local.name}-cleanup\"", "\"${local.nmae}-cleanup\"");
        assertProblem(TerraformChecks.load(dir).references(), "local.nmae is not declared");
    }

    @Test
    void danglingResourceReferenceFails(@TempDir Path dir) throws IOException {
        copyTerraform(dir);
        edit(dir.resolve("network.tf"), "security_group_id            = aws_security_group.proxy.id",
                "security_group_id            = aws_security_group.proxi.id");
        assertProblem(TerraformChecks.load(dir).references(), "aws_security_group.proxi is not a declared resource");
    }

    @Test
    void danglingDataAndModuleReferencesFail(@TempDir Path dir) throws IOException {
        copyTerraform(dir);
        edit(dir.resolve("main.tf"), "data.aws_partition.current.partition", "data.aws_partition.this.partition");
        edit(dir.resolve("outputs.tf"), "value       = aws_lambda_function.this.function_name",
                "value       = module.lambda.function_name");
        List<String> problems = TerraformChecks.load(dir).references();
        assertProblem(problems, "data.aws_partition.this is not declared");
        assertProblem(problems, "module.lambda is not declared");
    }

    @Test
    void resourceDeclaredTwiceFails(@TempDir Path dir) throws IOException {
        copyTerraform(dir);
        Files.writeString(dir.resolve("extra.tf"), "resource \"aws_sqs_queue\" \"cleanup_dlq\" {\n  name = \"x\"\n}\n");
        assertProblem(TerraformChecks.load(dir).references(), "resource aws_sqs_queue.cleanup_dlq is declared twice");
    }

    @Test
    void missingRouteFails(@TempDir Path dir) throws IOException {
        copyTerraform(dir);
        edit(dir.resolve("api.tf"), "    \"POST /api/v1/workflows/batch\",\n", "");
        assertProblem(TerraformChecks.load(dir).routes(app),
                "public route 'POST /api/v1/workflows/batch' of the application has no API Gateway route");
    }

    @Test
    void newApplicationRouteWithoutGatewayRouteFails() throws IOException {
        Set<String> routes = new TreeSet<>(app.publicRoutes());
        routes.add("GET /api/v1/workflows/{workflow_id}/history");
        assertProblem(TerraformChecks.load(TERRAFORM).routes(new AppRoutes(routes, Set.of())),
                "public route 'GET /api/v1/workflows/{workflow_id}/history' of the application has no API Gateway route");
    }

    @Test
    void exposedInternalRouteFails(@TempDir Path dir) throws IOException {
        copyTerraform(dir);
        edit(dir.resolve("api.tf"), "    \"GET /q/openapi\",\n", "    \"GET /q/openapi\",\n    \"POST /internal/cleanup\",\n");
        // The application's own internal route, found in its JAX-RS resources.
        assertTrue(app.internalRoutes().contains("POST /internal/cleanup"), app.toString());
        assertProblem(TerraformChecks.load(dir).routes(app), "route 'POST /internal/cleanup' exposes an internal route");
    }

    @Test
    void catchAllRoutesFail(@TempDir Path dir) throws IOException {
        copyTerraform(dir);
        edit(dir.resolve("api.tf"), "    \"GET /q/openapi\",\n",
                "    \"GET /q/openapi\",\n    \"$default\",\n    \"ANY /api/v1/workflows\",\n    \"GET /{proxy+}\",\n");
        List<String> problems = TerraformChecks.load(dir).routes(app);
        assertProblem(problems, "route '$default' is a catch-all");
        assertProblem(problems, "route 'ANY /api/v1/workflows' is a catch-all");
        assertProblem(problems, "route 'GET /{proxy+}' is a catch-all");
    }

    @Test
    void routeTheApplicationDoesNotServeFails(@TempDir Path dir) throws IOException {
        copyTerraform(dir);
        edit(dir.resolve("api.tf"), "    \"GET /q/openapi\",\n", "    \"GET /q/openapi\",\n    \"GET /api/v1/users\",\n");
        assertProblem(TerraformChecks.load(dir).routes(app), "API Gateway route 'GET /api/v1/users' matches no public route");
    }

    @Test
    void routeKeysThatCannotBeReadFail(@TempDir Path dir) throws IOException {
        copyTerraform(dir);
        edit(dir.resolve("api.tf"), "route_key = each.value", "route_key = upper(each.value)");
        assertProblem(TerraformChecks.load(dir).routes(app), "route_key must be a literal string or each.value");
    }

    @Test
    void schedulerInputFromAnotherFileFails(@TempDir Path dir) throws IOException {
        copyTerraform(dir);
        edit(dir.resolve("schedule.tf"), "events/scheduled-cleanup.json", "events/cleanup.json");
        assertProblem(TerraformChecks.load(dir).eventFileReferences(), "aws_scheduler_schedule.cleanup: target input must be");
    }

    @Test
    void migrationInputFromAnotherFileOrUncheckedFails(@TempDir Path dir) throws IOException {
        copyTerraform(dir);
        edit(dir.resolve("migrations.tf"), "input         = file(\"${path.module}/events/migrate.json\")",
                "input         = jsonencode({ rawPath = \"/internal/migrate\" })");
        edit(dir.resolve("migrations.tf"), "jsondecode(self.result)[\"statusCode\"] == 200", "self.result != null");
        List<String> problems = TerraformChecks.load(dir).eventFileReferences();
        assertProblem(problems, "aws_lambda_invocation.migrate: input must be");
        assertProblem(problems, "needs a postcondition that jsondecode(self.result).statusCode == 200");
    }

    @Test
    void eventThatApiGatewayCouldHaveSentFails(@TempDir Path dir) throws IOException {
        Path event = dir.resolve("event.json");
        Files.writeString(event, """
                {"version": "2.0", "rawPath": "/internal/cleanup",
                 "requestContext": {"apiId": "abc123", "http": {"method": "POST", "sourceIp": "203.0.113.7"}}}
                """);
        List<String> problems = TerraformChecks.eventFile(event);
        assertProblem(problems, "requestContext.apiId present");
        assertProblem(problems, "requestContext.http.sourceIp present");
        Files.writeString(event, "{\"version\": \"2.0\", ");
        assertProblem(TerraformChecks.eventFile(event), "not valid JSON");
        Files.writeString(event, "{\"version\": \"1.0\", \"rawPath\": \"/api/v1/workflows\", \"requestContext\": {\"http\": {\"method\": \"GET\"}}}");
        problems = TerraformChecks.eventFile(event);
        assertProblem(problems, "version must be \"2.0\"");
        assertProblem(problems, "rawPath must be an internal route");
    }

    @Test
    void unexplainedWildcardResourceFails(@TempDir Path dir) throws IOException {
        copyTerraform(dir);
        edit(dir.resolve("iam.tf"), "resources = [\"*\"] # AWS requires \"*\": EC2 Describe* actions support no resource-level permissions",
                "resources = [\"*\"]");
        edit(dir.resolve("iam.tf"), "resources = [aws_sqs_queue.cleanup_dlq.arn]\n  }\n}\n\nresource \"aws_iam_role_policy\" \"function\"",
                "resources = [\"*\"]\n  }\n}\n\nresource \"aws_iam_role_policy\" \"function\"");
        List<String> problems = TerraformChecks.load(dir).wildcardResources();
        assertEquals(2, problems.size(), problems.toString());
        assertProblem(problems, "resources = \"*\" without a comment");
    }

    @Test
    void jaxRsPathsMapToApiGatewayPaths() {
        assertEquals("/api/v1/workflows/{workflow_id}", AppRoutes.apiGatewayPath("api/v1/workflows//{workflow_id}/"));
        assertEquals("/api/v1/workflows/{workflow_id}", AppRoutes.apiGatewayPath("/api/v1/workflows/{ workflow_id : [^/]+ }"));
        assertEquals("/files/{path+}", AppRoutes.apiGatewayPath("/files/{path: .+}"));
        assertEquals("/", AppRoutes.apiGatewayPath("/"));
        AppRoutes routes = AppRoutes.of(Set.of("POST /internal/cleanup", "GET /api/v1/x"));
        assertEquals(Set.of("POST /internal/cleanup"), routes.internalRoutes());
        assertTrue(routes.publicRoutes().containsAll(Set.of("GET /api/v1/x", "GET /q/health/ready")), routes.toString());
    }

    // ---- Helpers ------------------------------------------------------------------------------

    static void copyTerraform(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(TERRAFORM)) {
            for (Path source : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains(".terraform")).toList()) {
                Path copy = target.resolve(TERRAFORM.relativize(source).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(source, copy);
            }
        }
    }

    /** Replaces text that must be there: a broken copy that is not broken would prove nothing. */
    static void edit(Path file, String from, String to) throws IOException {
        String source = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(source.contains(from), file.getFileName() + " no longer contains: " + from);
        Files.writeString(file, source.replace(from, to), StandardCharsets.UTF_8);
    }

    static void assertProblem(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected a problem containing '" + expected + "' in " + problems);
    }

    static String testSources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/deploy/")).toList()) {
                all.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }
}
