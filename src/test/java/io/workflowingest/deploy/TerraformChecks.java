package io.workflowingest.deploy;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The offline checks of {@code terraform/} (no Terraform binary here): each returns the problems it
 * finds, empty when the configuration is sound. Used on the real folder by {@link TerraformConfigTest}
 * and on broken copies to prove that each check fails when it should.
 */
final class TerraformChecks {

    /** The event the cleanup tests post; the scheduler's input must be exactly this file. */
    static final String SCHEDULED_CLEANUP_EVENT = "events/scheduled-cleanup.json";
    /** The event the migration tests post; the deploy-time invocation must send exactly this file. */
    static final String MIGRATE_EVENT = "events/migrate.json";

    private static final Set<String> RESOURCE_ATTRIBUTES = Set.of("resources", "not_resources", "Resource", "NotResource");

    final Path dir;
    final List<Hcl.File> files;

    private TerraformChecks(Path dir, List<Hcl.File> files) {
        this.dir = dir;
        this.files = files;
    }

    static List<Path> tfFiles(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(f -> f.getFileName().toString().endsWith(".tf")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- Syntax --------------------------------------------------------------------------

    /** Syntax errors of every *.tf file: hcl4j must parse it, and so must the strict reader {@link Hcl}. */
    static List<String> syntax(Path dir) {
        List<String> problems = new ArrayList<>();
        List<Path> tf = tfFiles(dir);
        if (tf.isEmpty()) {
            problems.add("no *.tf file in " + dir);
        }
        for (Path file : tf) {
            String source = read(file);
            String name = file.getFileName().toString();
            String hcl4jError = hcl4j(source);
            if (hcl4jError != null) {
                problems.add(name + ": hcl4j: " + hcl4jError);
            }
            try {
                Hcl.parse(name, source);
            } catch (Hcl.SyntaxError e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    /** Loads the folder; throws when {@link #syntax} finds any problem. */
    static TerraformChecks load(Path dir) {
        List<String> problems = syntax(dir);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("HCL syntax errors:\n" + String.join("\n", problems));
        }
        List<Hcl.File> files = tfFiles(dir).stream().map(f -> Hcl.parse(f.getFileName().toString(), read(f))).toList();
        return new TerraformChecks(dir, files);
    }

    private static synchronized String hcl4j(String source) {
        // hcl4j prints its parse trace to standard output; keep the build log readable.
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            new HCLParser().parse(source, false);
            return null;
        } catch (Exception | StackOverflowError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return String.valueOf(cause.getMessage()).strip();
        } finally {
            System.setOut(out);
        }
    }

    // ---- References ----------------------------------------------------------------------

    /** Every var.X, local.X, module.X, data.T.N and provider resource T.N refers to something declared. */
    List<String> references() {
        Set<String> variables = new TreeSet<>();
        Set<String> locals = new TreeSet<>();
        Set<String> modules = new TreeSet<>();
        Set<String> resources = new TreeSet<>();
        Set<String> data = new TreeSet<>();
        Set<String> providers = new TreeSet<>(Set.of("aws"));
        List<String> problems = new ArrayList<>();
        for (Hcl.File file : files) {
            for (Hcl.Block block : file.body().blocks()) {
                String key = String.join(".", block.labels());
                boolean fresh = switch (block.type()) {
                    case "variable" -> variables.add(key);
                    case "module" -> modules.add(key);
                    case "resource" -> resources.add(key);
                    case "data" -> data.add(key);
                    case "locals" -> {
                        for (Hcl.Attribute local : block.body().attributes()) {
                            if (!locals.add(local.name())) {
                                problems.add(file.name() + ":" + local.line() + ": local." + local.name() + " is declared twice");
                            }
                        }
                        yield true;
                    }
                    case "terraform" -> {
                        block.body().blocks("required_providers").forEach(p -> p.body().attributes().forEach(a -> providers.add(a.name())));
                        yield true;
                    }
                    default -> true;
                };
                if (!fresh) {
                    problems.add(file.name() + ":" + block.line() + ": " + block.type() + " " + key + " is declared twice");
                }
            }
        }
        for (Hcl.File file : files) {
            List<Hcl.Token> tokens = Hcl.flatten(file.tokens());
            for (int i = 0; i + 2 < tokens.size(); i++) {
                Hcl.Token head = tokens.get(i);
                if (head.kind() != Hcl.Kind.IDENT || !tokens.get(i + 1).is(".") || (i > 0 && tokens.get(i - 1).is("."))) {
                    continue;
                }
                String second = tokens.get(i + 2).kind() == Hcl.Kind.IDENT ? tokens.get(i + 2).text() : null;
                if (second == null) {
                    continue;
                }
                String where = file.name() + ":" + head.line() + ": ";
                switch (head.text()) {
                    case "var" -> {
                        if (!variables.contains(second)) {
                            problems.add(where + "var." + second + " is not declared in variables.tf");
                        }
                    }
                    case "local" -> {
                        if (!locals.contains(second)) {
                            problems.add(where + "local." + second + " is not declared in any locals block");
                        }
                    }
                    case "module" -> {
                        if (!modules.contains(second)) {
                            problems.add(where + "module." + second + " is not declared");
                        }
                    }
                    case "data" -> {
                        boolean named = i + 4 < tokens.size() && tokens.get(i + 3).is(".") && tokens.get(i + 4).kind() == Hcl.Kind.IDENT;
                        String ref = second + (named ? "." + tokens.get(i + 4).text() : "");
                        if (!data.contains(ref)) {
                            problems.add(where + "data." + ref + " is not declared");
                        }
                    }
                    default -> {
                        String type = head.text();
                        int underscore = type.indexOf('_');
                        if (underscore > 0 && providers.contains(type.substring(0, underscore)) && !resources.contains(type + "." + second)) {
                            problems.add(where + type + "." + second + " is not a declared resource");
                        }
                    }
                }
            }
        }
        return problems;
    }

    // ---- API Gateway routes --------------------------------------------------------------

    /** The route keys of every aws_apigatewayv2_route, literal or expanded from a for_each over a literal list. */
    Set<String> routeKeys(List<String> problems) {
        Map<String, Hcl.Attribute> locals = new HashMap<>();
        blocks("locals").forEach(b -> b.body().attributes().forEach(a -> locals.put(a.name(), a)));
        Set<String> keys = new TreeSet<>();
        for (Hcl.Block route : resources("aws_apigatewayv2_route")) {
            String name = String.join(".", route.labels());
            Hcl.Attribute routeKey = route.body().attribute("route_key");
            if (routeKey == null) {
                problems.add(name + ": no route_key");
                continue;
            }
            List<Hcl.Token> expression = routeKey.expression();
            if (expression.size() == 1 && expression.get(0).kind() == Hcl.Kind.STRING && expression.get(0).literal()) {
                keys.add(expression.get(0).text());
            } else if (routeKey.compact().equals("each.value") || routeKey.compact().equals("each.key")) {
                Hcl.Attribute forEach = route.body().attribute("for_each");
                List<Hcl.Token> source = forEach == null ? List.of() : forEach.expression();
                String compact = forEach == null ? "" : forEach.compact();
                java.util.regex.Matcher local = java.util.regex.Pattern.compile("^(?:toset\\()?local\\.([A-Za-z0-9_]+)\\)?$").matcher(compact);
                if (local.matches() && locals.containsKey(local.group(1))) {
                    source = locals.get(local.group(1)).expression();
                }
                List<String> literals = literalList(source);
                if (literals == null) {
                    problems.add(name + ": for_each must be a list of literal route keys (or toset of a local holding one), not " + compact);
                } else {
                    keys.addAll(literals);
                }
            } else {
                problems.add(name + ": route_key must be a literal string or each.value over a literal list, not " + routeKey.compact());
            }
        }
        return keys;
    }

    /** API Gateway defines exactly the application's public routes: none missing, none extra, no catch-all, nothing internal. */
    List<String> routes(AppRoutes app) {
        List<String> problems = new ArrayList<>();
        Set<String> keys = routeKeys(problems);
        for (String key : keys) {
            String path = key.contains(" ") ? key.substring(key.indexOf(' ') + 1) : key;
            if (key.equals("$default") || key.startsWith("ANY ") || path.contains("+}") || path.endsWith("*")) {
                problems.add("route '" + key + "' is a catch-all: define one explicit route per public endpoint");
            }
            if (path.startsWith(AppRoutes.INTERNAL_PREFIX) || path.equals("/internal")) {
                problems.add("route '" + key + "' exposes an internal route to the internet");
            }
        }
        for (String missing : difference(app.publicRoutes(), keys)) {
            problems.add("public route '" + missing + "' of the application has no API Gateway route");
        }
        for (String extra : difference(keys, app.publicRoutes())) {
            if (!app.internalRoutes().contains(extra)) {
                problems.add("API Gateway route '" + extra + "' matches no public route of the application");
            }
        }
        if (keys.isEmpty()) {
            problems.add("no aws_apigatewayv2_route found");
        }
        return problems;
    }

    // ---- Event files ---------------------------------------------------------------------

    /** The scheduler's input and the migration invocation read exactly the event files the tests post. */
    List<String> eventFileReferences() {
        List<String> problems = new ArrayList<>();
        String cleanup = "file(\"${path.module}/" + SCHEDULED_CLEANUP_EVENT + "\")";
        String migrate = "file(\"${path.module}/" + MIGRATE_EVENT + "\")";
        List<Hcl.Block> schedules = resources("aws_scheduler_schedule");
        if (schedules.isEmpty()) {
            problems.add("no aws_scheduler_schedule found");
        }
        for (Hcl.Block schedule : schedules) {
            List<Hcl.Block> targets = schedule.body().blocks("target");
            Hcl.Attribute input = targets.isEmpty() ? null : targets.get(0).body().attribute("input");
            if (input == null || !input.compact().equals(cleanup)) {
                problems.add("aws_scheduler_schedule." + schedule.labels().get(1) + ": target input must be " + cleanup
                        + ", found " + (input == null ? "none" : input.compact()));
            }
        }
        List<Hcl.Block> invocations = resources("aws_lambda_invocation");
        if (invocations.isEmpty()) {
            problems.add("no aws_lambda_invocation found (migrations run as a deploy step)");
        }
        for (Hcl.Block invocation : invocations) {
            Hcl.Attribute input = invocation.body().attribute("input");
            if (input == null || !input.compact().equals(migrate)) {
                problems.add("aws_lambda_invocation." + invocation.labels().get(1) + ": input must be " + migrate
                        + ", found " + (input == null ? "none" : input.compact()));
            }
            boolean checksStatus = invocation.body().blocks("lifecycle").stream()
                    .flatMap(l -> l.body().blocks("postcondition").stream())
                    .map(p -> p.body().attribute("condition"))
                    .anyMatch(c -> c != null && c.compact().replace("[\"statusCode\"]", ".statusCode")
                            .equals("jsondecode(self.result).statusCode==200"));
            if (!checksStatus) {
                problems.add("aws_lambda_invocation." + invocation.labels().get(1)
                        + ": needs a postcondition that jsondecode(self.result).statusCode == 200");
            }
        }
        return problems;
    }

    /** An internal event file: valid JSON, an HTTP API v2 event for an internal route, never one API Gateway could send. */
    static List<String> eventFile(Path file) {
        List<String> problems = new ArrayList<>();
        JsonNode event;
        try {
            event = new ObjectMapper().readTree(read(file));
        } catch (IOException | UncheckedIOException e) {
            return List.of(file + ": not valid JSON: " + e.getMessage());
        }
        if (event == null || !event.isObject()) {
            return List.of(file + ": not a JSON object");
        }
        if (!"2.0".equals(event.path("version").asText())) {
            problems.add(file + ": version must be \"2.0\" (HTTP API payload v2)");
        }
        JsonNode context = event.path("requestContext");
        if (!context.isObject()) {
            problems.add(file + ": requestContext missing");
        }
        if (context.has("apiId")) {
            problems.add(file + ": requestContext.apiId present: the application would refuse the event as coming through API Gateway");
        }
        if (context.path("http").has("sourceIp")) {
            problems.add(file + ": requestContext.http.sourceIp present: the application would refuse the event as coming from a client");
        }
        if (!event.path("rawPath").asText().startsWith(AppRoutes.INTERNAL_PREFIX)) {
            problems.add(file + ": rawPath must be an internal route (" + AppRoutes.INTERNAL_PREFIX + "...)");
        }
        if (!context.path("http").path("method").isTextual()) {
            problems.add(file + ": requestContext.http.method missing");
        }
        return problems;
    }

    // ---- IAM -----------------------------------------------------------------------------

    /** No IAM resource is "*" unless the same line carries a comment saying why AWS requires it. */
    List<String> wildcardResources() {
        List<String> problems = new ArrayList<>();
        for (Hcl.File file : files) {
            Map<Integer, String> keyAtDepth = new HashMap<>();
            int depth = 0;
            List<Hcl.Token> tokens = Hcl.flatten(file.tokens());
            for (int i = 0; i < tokens.size(); i++) {
                Hcl.Token t = tokens.get(i);
                if (t.is("{") || t.is("[") || t.is("(")) {
                    depth++;
                } else if (t.is("}") || t.is("]") || t.is(")")) {
                    keyAtDepth.remove(depth);
                    depth--;
                } else if ((t.kind() == Hcl.Kind.IDENT || t.kind() == Hcl.Kind.STRING) && i + 1 < tokens.size()
                        && (tokens.get(i + 1).is("=") || tokens.get(i + 1).is(":"))) {
                    keyAtDepth.put(depth, t.text());
                } else if (t.kind() == Hcl.Kind.STRING && t.text().equals("*")) {
                    String key = null;
                    for (int d = depth; d >= 0 && key == null; d--) {
                        key = keyAtDepth.get(d);
                    }
                    if (key != null && RESOURCE_ATTRIBUTES.contains(key) && !file.commentLines().contains(t.line())) {
                        problems.add(file.name() + ":" + t.line() + ": " + key + " = \"*\" without a comment on the line saying why AWS requires it");
                    }
                }
            }
        }
        return problems;
    }

    // ---- README ----------------------------------------------------------------------------

    /** The README's "## Variables" table lists exactly the declared variables, so the walk-through cannot drift. */
    List<String> documentedVariables(Path readme) {
        Set<String> declared = new TreeSet<>();
        blocks("variable").forEach(b -> declared.add(b.labels().get(0)));
        Set<String> documented = new TreeSet<>();
        boolean inTable = false;
        for (String line : read(readme).split("\n")) {
            if (line.startsWith("## ")) {
                inTable = line.trim().equals("## Variables");
            } else if (inTable && line.startsWith("| `")) {
                documented.add(line.substring(3, line.indexOf('`', 3)));
            }
        }
        List<String> problems = new ArrayList<>();
        for (String name : difference(declared, documented)) {
            problems.add("variable " + name + " is not in the README's variables table");
        }
        for (String name : difference(documented, declared)) {
            problems.add("README documents " + name + ", which variables.tf does not declare");
        }
        return problems;
    }

    // ---- Helpers -------------------------------------------------------------------------

    private List<Hcl.Block> blocks(String type) {
        return files.stream().flatMap(f -> f.body().blocks(type).stream()).toList();
    }

    private List<Hcl.Block> resources(String type) {
        return blocks("resource").stream().filter(b -> b.labels().size() == 2 && b.labels().get(0).equals(type)).toList();
    }

    /** The strings of {@code [ "a", "b", ]}, or null when the expression is anything else. */
    private static List<String> literalList(List<Hcl.Token> expression) {
        if (expression.size() < 2 || !expression.get(0).is("[") || !expression.get(expression.size() - 1).is("]")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        boolean expectValue = true;
        for (Hcl.Token t : expression.subList(1, expression.size() - 1)) {
            if (expectValue && t.kind() == Hcl.Kind.STRING && t.literal()) {
                out.add(t.text());
                expectValue = false;
            } else if (!expectValue && t.is(",")) {
                expectValue = true;
            } else {
                return null;
            }
        }
        return out;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
