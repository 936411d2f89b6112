package io.workflowingest.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A strict reader of HCL2 native syntax, enough for the offline Terraform checks: it tokenizes
 * (comments, quoted templates with their interpolations, heredocs), reads the body structure
 * (attributes and blocks, nested), and rejects what Terraform would reject at parse time: unclosed
 * or mismatched brackets, unterminated strings or heredocs, a missing {@code =} or value, a
 * dangling operator, duplicate attributes, stray characters. Expressions are kept as token lists,
 * which is all the reference and route checks need. hcl4j parses the same files too; it accepts
 * some broken input (an unclosed block at the end of a file) and rejects some valid input
 * ({@code f(x).attr}), so neither alone is the syntax check.
 */
final class Hcl {

    enum Kind { IDENT, NUMBER, STRING, HEREDOC, PUNCT, NEWLINE, EOF }

    /**
     * A token. For STRING and HEREDOC, {@code text} is the literal template text with each
     * interpolation kept as written ({@code ${...}}), {@code literal} says it has none, and
     * {@code inner} holds the tokens of its interpolations and directives.
     */
    record Token(Kind kind, String text, int line, boolean literal, List<Token> inner) {
        boolean is(String punct) {
            return kind == Kind.PUNCT && text.equals(punct);
        }

        @Override
        public String toString() {
            return kind == Kind.STRING ? '"' + text + '"' : text;
        }
    }

    record Attribute(String name, List<Token> expression, int line) {
        /** The expression written without spaces, e.g. {@code file("${path.module}/x.json")}. */
        String compact() {
            StringBuilder out = new StringBuilder();
            for (Token t : expression) {
                out.append(t);
            }
            return out.toString();
        }
    }

    record Block(String type, List<String> labels, Body body, int line) {
    }

    record Body(List<Attribute> attributes, List<Block> blocks) {
        Attribute attribute(String name) {
            return attributes.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
        }

        List<Block> blocks(String type) {
            return blocks.stream().filter(b -> b.type().equals(type)).toList();
        }
    }

    /** A parsed file: its body, every token (for scans), and the lines that carry a comment. */
    record File(String name, Body body, List<Token> tokens, Set<Integer> commentLines) {
    }

    static final class SyntaxError extends RuntimeException {
        SyntaxError(String file, int line, String message) {
            super(file + ":" + line + ": " + message);
        }
    }

    private static final List<String> PUNCTUATION = List.of(
            "...", "==", "!=", "<=", ">=", "&&", "||", "=>",
            "{", "}", "[", "]", "(", ")", "=", "<", ">", "+", "-", "*", "/", "%", "!", "?", ":", ".", ",");
    private static final Set<String> BINARY_OR_DANGLING = Set.of(
            "==", "!=", "<=", ">=", "&&", "||", "=>", "=", "<", ">", "+", "-", "*", "/", "%", "!", "?", ":", ".", "...");

    private static final Set<String> FOR_KEYWORDS = Set.of("for", "in", "if");

    private Hcl() {
    }

    static File parse(String name, String source) {
        Lexer lexer = new Lexer(name, source);
        List<Token> tokens = lexer.tokens(false);
        Parser parser = new Parser(name, tokens);
        Body body = parser.body(true);
        return new File(name, body, tokens, lexer.commentLines);
    }

    /** Every token, with those inside string interpolations flattened in place. */
    static List<Token> flatten(List<Token> tokens) {
        List<Token> out = new ArrayList<>();
        for (Token t : tokens) {
            out.add(t);
            if (t.inner() != null) {
                out.addAll(flatten(t.inner()));
            }
        }
        return out;
    }

    // ---- Lexer ----------------------------------------------------------------------------

    private static final class Lexer {
        private final String file;
        private final String src;
        private int pos;
        private int line = 1;
        final Set<Integer> commentLines = new TreeSet<>();

        Lexer(String file, String src) {
            this.file = file;
            this.src = src;
        }

        /** Tokens until EOF, or (inside an interpolation) until its closing brace, consumed. */
        List<Token> tokens(boolean interpolation) {
            List<Token> out = new ArrayList<>();
            int depth = 0;
            while (true) {
                if (pos >= src.length()) {
                    if (interpolation) {
                        throw error("unterminated interpolation");
                    }
                    out.add(new Token(Kind.EOF, "", line, true, null));
                    return out;
                }
                char c = src.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\r') {
                    pos++;
                } else if (c == '\n') {
                    out.add(new Token(Kind.NEWLINE, "\n", line, true, null));
                    pos++;
                    line++;
                } else if (c == '#' || src.startsWith("//", pos)) {
                    commentLines.add(line);
                    while (pos < src.length() && src.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (src.startsWith("/*", pos)) {
                    int end = src.indexOf("*/", pos + 2);
                    if (end < 0) {
                        throw error("unterminated /* comment");
                    }
                    for (int i = pos; i < end; i++) {
                        commentLines.add(line);
                        if (src.charAt(i) == '\n') {
                            line++;
                        }
                    }
                    pos = end + 2;
                } else if (c == '"') {
                    out.add(quoted());
                } else if (src.startsWith("<<", pos) && heredocAhead()) {
                    out.add(heredoc());
                } else if (Character.isLetter(c) || c == '_') {
                    int start = pos;
                    while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_' || src.charAt(pos) == '-')) {
                        pos++;
                    }
                    out.add(new Token(Kind.IDENT, src.substring(start, pos), line, true, null));
                } else if (Character.isDigit(c)) {
                    int start = pos;
                    while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.'
                            || src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
                        if (src.charAt(pos) == '.' && !(pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
                            break;
                        }
                        pos++;
                    }
                    out.add(new Token(Kind.NUMBER, src.substring(start, pos), line, true, null));
                } else {
                    String punct = PUNCTUATION.stream().filter(p -> src.startsWith(p, pos)).findFirst()
                            .orElseThrow(() -> error("illegal character '" + c + "'"));
                    if (interpolation && punct.equals("{")) {
                        depth++;
                    }
                    if (interpolation && punct.equals("}")) {
                        if (depth == 0) {
                            pos++;
                            out.add(new Token(Kind.EOF, "", line, true, null));
                            return out;
                        }
                        depth--;
                    }
                    out.add(new Token(Kind.PUNCT, punct, line, true, null));
                    pos += punct.length();
                }
            }
        }

        private Token quoted() {
            int startLine = line;
            pos++;
            StringBuilder text = new StringBuilder();
            List<Token> inner = new ArrayList<>();
            while (true) {
                if (pos >= src.length() || src.charAt(pos) == '\n') {
                    throw new SyntaxError(file, startLine, "unterminated string");
                }
                char c = src.charAt(pos);
                if (c == '"') {
                    pos++;
                    return new Token(Kind.STRING, text.toString(), startLine, inner.isEmpty(), inner);
                }
                if (c == '\\') {
                    if (pos + 1 >= src.length() || "\"\\nrt".indexOf(src.charAt(pos + 1)) < 0 && src.charAt(pos + 1) != 'u' && src.charAt(pos + 1) != 'U') {
                        throw error("invalid escape in string");
                    }
                    text.append(src, pos, pos + 2);
                    pos += 2;
                } else if (templateSequence(text, inner)) {
                    continue;
                } else {
                    text.append(c);
                    pos++;
                }
            }
        }

        /** At ${ or %{: lexes the sequence into inner tokens; $${ and %%{ are escapes. */
        private boolean templateSequence(StringBuilder text, List<Token> inner) {
            if (src.startsWith("$${", pos) || src.startsWith("%%{", pos)) {
                text.append(src, pos, pos + 3);
                pos += 3;
                return true;
            }
            if (src.startsWith("${", pos) || src.startsWith("%{", pos)) {
                int start = pos;
                pos += 2;
                List<Token> tokens = tokens(true);
                if (tokens.size() == 1 && src.charAt(start) == '$') {
                    throw error("empty interpolation");
                }
                List<Token> sequence = tokens.subList(0, tokens.size() - 1);
                if (src.charAt(start) == '$') {
                    checkExpression(file, "an interpolation", sequence.stream().filter(t -> t.kind() != Kind.NEWLINE).toList());
                }
                inner.addAll(sequence);
                text.append(src, start, pos);
                return true;
            }
            return false;
        }

        private boolean heredocAhead() {
            int p = pos + 2;
            if (p < src.length() && src.charAt(p) == '-') {
                p++;
            }
            return p < src.length() && (Character.isLetter(src.charAt(p)) || src.charAt(p) == '_');
        }

        private Token heredoc() {
            int startLine = line;
            pos += 2;
            if (src.charAt(pos) == '-') {
                pos++;
            }
            int start = pos;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
            String marker = src.substring(start, pos);
            if (pos >= src.length() || src.charAt(pos) != '\n') {
                throw error("heredoc marker <<" + marker + " must end its line");
            }
            pos++;
            line++;
            StringBuilder text = new StringBuilder();
            List<Token> inner = new ArrayList<>();
            boolean lineStart = true;
            while (true) {
                if (pos >= src.length()) {
                    throw new SyntaxError(file, startLine, "unterminated heredoc <<" + marker);
                }
                if (lineStart) {
                    int eol = src.indexOf('\n', pos);
                    String lineText = src.substring(pos, eol < 0 ? src.length() : eol);
                    if (lineText.trim().equals(marker)) {
                        pos += lineText.length();
                        return new Token(Kind.HEREDOC, text.toString(), startLine, inner.isEmpty(), inner);
                    }
                    lineStart = false;
                }
                if (templateSequence(text, inner)) {
                    continue;
                }
                char c = src.charAt(pos++);
                text.append(c);
                if (c == '\n') {
                    line++;
                    lineStart = true;
                }
            }
        }

        private SyntaxError error(String message) {
            return new SyntaxError(file, line, message);
        }
    }

    // ---- Parser ---------------------------------------------------------------------------

    private static final class Parser {
        private final String file;
        private final List<Token> tokens;
        private int pos;

        Parser(String file, List<Token> tokens) {
            this.file = file;
            this.tokens = tokens;
        }

        Body body(boolean topLevel) {
            List<Attribute> attributes = new ArrayList<>();
            List<Block> blocks = new ArrayList<>();
            Set<String> names = new TreeSet<>();
            while (true) {
                Token t = tokens.get(pos);
                if (t.kind() == Kind.NEWLINE) {
                    pos++;
                    continue;
                }
                if (t.kind() == Kind.EOF) {
                    if (!topLevel) {
                        throw new SyntaxError(file, t.line(), "unclosed block: '}' missing at end of file");
                    }
                    return new Body(attributes, blocks);
                }
                if (t.is("}")) {
                    if (topLevel) {
                        throw new SyntaxError(file, t.line(), "'}' without an open block");
                    }
                    return new Body(attributes, blocks);
                }
                if (t.kind() != Kind.IDENT) {
                    throw new SyntaxError(file, t.line(), "expected an attribute name or block type, found '" + t + "'");
                }
                pos++;
                if (tokens.get(pos).is("=")) {
                    pos++;
                    Attribute attribute = new Attribute(t.text(), expression(t), t.line());
                    if (!names.add(attribute.name())) {
                        throw new SyntaxError(file, t.line(), "attribute '" + attribute.name() + "' defined twice");
                    }
                    attributes.add(attribute);
                } else {
                    blocks.add(block(t));
                }
            }
        }

        private Block block(Token type) {
            List<String> labels = new ArrayList<>();
            while (tokens.get(pos).kind() == Kind.STRING || tokens.get(pos).kind() == Kind.IDENT) {
                Token label = tokens.get(pos++);
                if (label.kind() == Kind.STRING && !label.literal()) {
                    throw new SyntaxError(file, label.line(), "block labels cannot be templates");
                }
                labels.add(label.text());
            }
            if (!tokens.get(pos).is("{")) {
                throw new SyntaxError(file, tokens.get(pos).line(),
                        "expected '=' or '{' after '" + type.text() + "', found '" + tokens.get(pos) + "'");
            }
            pos++;
            Body body;
            if (tokens.get(pos).is("}")) {
                body = new Body(List.of(), List.of());
            } else if (tokens.get(pos).kind() == Kind.NEWLINE) {
                body = body(false);
            } else {
                // Single-line block: one attribute, then '}'.
                Token name = tokens.get(pos++);
                if (name.kind() != Kind.IDENT || !tokens.get(pos++).is("=")) {
                    throw new SyntaxError(file, name.line(), "a one-line block holds one attribute");
                }
                List<Token> expression = expressionUntil(name, true);
                body = new Body(List.of(new Attribute(name.text(), expression, name.line())), List.of());
            }
            if (!tokens.get(pos).is("}")) {
                throw new SyntaxError(file, tokens.get(pos).line(), "expected '}' to close block '" + type.text() + "'");
            }
            pos++;
            Token after = tokens.get(pos);
            if (after.kind() != Kind.NEWLINE && after.kind() != Kind.EOF) {
                throw new SyntaxError(file, after.line(), "a block must end its line, found '" + after + "'");
            }
            return new Block(type.text(), List.copyOf(labels), body, type.line());
        }

        private List<Token> expression(Token name) {
            return expressionUntil(name, false);
        }

        /** Tokens up to the newline (or, in a one-line block, the '}') that ends the attribute. */
        private List<Token> expressionUntil(Token name, boolean oneLineBlock) {
            List<Token> expression = new ArrayList<>();
            int open = 0;
            while (true) {
                Token t = tokens.get(pos);
                if (t.kind() == Kind.EOF) {
                    if (open > 0) {
                        throw new SyntaxError(file, name.line(), "a bracket opened in '" + name.text() + "' is never closed");
                    }
                    break;
                }
                if (open == 0 && (t.kind() == Kind.NEWLINE || (oneLineBlock && t.is("}")))) {
                    break;
                }
                pos++;
                if (t.is("(") || t.is("[") || t.is("{")) {
                    open++;
                } else if (t.is(")") || t.is("]") || t.is("}")) {
                    open--;
                }
                expression.add(t);
            }
            List<Token> values = expression.stream().filter(t -> t.kind() != Kind.NEWLINE).toList();
            if (values.isEmpty()) {
                throw new SyntaxError(file, name.line(), "attribute '" + name.text() + "' has no value");
            }
            checkExpression(file, "the value of '" + name.text() + "'", expression);
            return values;
        }
    }

    // ---- Expressions ----------------------------------------------------------------------

    private static final Set<String> CLOSERS = Set.of(")", "]", "}");
    private static final Set<String> OPENERS = Set.of("(", "[", "{");

    /**
     * The token-level grammar of an expression: brackets that match, an operator between any two
     * values, '.' between a value and a name, index or splat, no operator without both operands,
     * no stray comma. Object constructors may separate their items by newlines, and for
     * expressions put values side by side around their keywords; both are allowed.
     */
    static void checkExpression(String file, String where, List<Token> withNewlines) {
        // Newlines matter only between the items of an object constructor: note where they were.
        List<Token> expression = new ArrayList<>();
        Set<Integer> afterNewline = new java.util.HashSet<>();
        for (Token t : withNewlines) {
            if (t.kind() == Kind.NEWLINE) {
                afterNewline.add(expression.size());
            } else {
                expression.add(t);
            }
        }
        List<String> stack = new ArrayList<>();
        // Per nesting level: is it a call's parentheses, and how many '?' still wait for their ':'.
        List<Boolean> calls = new ArrayList<>(List.of(false));
        List<Integer> questions = new ArrayList<>(List.of(0));
        Token prev = null;
        for (int i = 0; i < expression.size(); i++) {
            Token t = expression.get(i);
            Token next = i + 1 < expression.size() ? expression.get(i + 1) : null;
            boolean inObject = !stack.isEmpty() && stack.get(stack.size() - 1).equals("{");
            String level = stack.isEmpty() ? "" : stack.get(stack.size() - 1);
            int depth = stack.size();
            if (t.is("?")) {
                questions.set(depth, questions.get(depth) + 1);
            } else if (t.is(":")) {
                if (questions.get(depth) > 0) {
                    questions.set(depth, questions.get(depth) - 1);
                } else if (!level.equals("[") && !level.equals("{")) {
                    throw new SyntaxError(file, t.line(), "':' without its '?' in " + where);
                }
            } else if (t.is(",") && !(level.equals("[") || level.equals("{") || (level.equals("(") && calls.get(depth)))) {
                throw new SyntaxError(file, t.line(), "',' outside a list, object or call in " + where);
            }
            if (t.kind() == Kind.PUNCT && CLOSERS.contains(t.text()) && questions.get(depth) > 0) {
                throw new SyntaxError(file, t.line(), "'?' without its ':' in " + where);
            }
            boolean newItem = inObject && afterNewline.contains(i);
            if (prev != null && endsValue(prev, expression, i - 1) && !newItem
                    && (t.is("{") || (t.is("(") && prev.kind() != Kind.IDENT))) {
                throw new SyntaxError(file, t.line(), "'" + t.text() + "' right after the value '" + prev + "' in " + where);
            }
            if (t.kind() == Kind.PUNCT && OPENERS.contains(t.text())) {
                stack.add(t.text());
                calls.add(t.is("(") && prev != null && prev.kind() == Kind.IDENT && !FOR_KEYWORDS.contains(prev.text()));
                questions.add(0);
            } else if (t.kind() == Kind.PUNCT && CLOSERS.contains(t.text())) {
                if (!stack.isEmpty()) {
                    calls.remove(calls.size() - 1);
                    questions.remove(questions.size() - 1);
                }
                String expected = switch (t.text()) {
                    case ")" -> "(";
                    case "]" -> "[";
                    default -> "{";
                };
                if (stack.isEmpty() || !stack.remove(stack.size() - 1).equals(expected)) {
                    throw new SyntaxError(file, t.line(), "'" + t.text() + "' does not match an open bracket in " + where);
                }
            } else if (t.is("=") && !inObject) {
                throw new SyntaxError(file, t.line(), "unexpected '=' in " + where);
            } else if (t.is("...")) {
                if (prev == null || !endsValue(prev, expression, i - 1) || next == null || !next.is(")")) {
                    throw new SyntaxError(file, t.line(), "'...' must end the last argument of a call in " + where);
                }
            } else if (t.is(".")) {
                if (prev == null || !endsValue(prev, expression, i - 1) || next == null
                        || !(next.kind() == Kind.IDENT || next.kind() == Kind.NUMBER || next.is("*"))) {
                    throw new SyntaxError(file, t.line(), "'.' must stand between a value and a name, index or '*' in " + where);
                }
            } else if (t.is(",")) {
                if (prev == null || prev.is(",") || (prev.kind() == Kind.PUNCT && OPENERS.contains(prev.text()))
                        || (prev.kind() == Kind.PUNCT && BINARY_OR_DANGLING.contains(prev.text()) && !isSplatStar(expression, i - 1))) {
                    throw new SyntaxError(file, t.line(), "stray ',' in " + where);
                }
            } else if (t.kind() == Kind.PUNCT && BINARY_OR_DANGLING.contains(t.text()) && !isSplatStar(expression, i)) {
                boolean unary = t.is("!") || t.is("-");
                if (t.is("!") && prev != null && endsValue(prev, expression, i - 1)) {
                    throw new SyntaxError(file, t.line(), "'!' after a value in " + where);
                }
                if (!unary && (prev == null || !endsValue(prev, expression, i - 1))) {
                    throw new SyntaxError(file, t.line(), "'" + t.text() + "' without a value before it in " + where);
                }
                if (next == null || (next.kind() == Kind.PUNCT && (CLOSERS.contains(next.text()) || next.is(",")))) {
                    throw new SyntaxError(file, t.line(), "'" + t.text() + "' without a value after it in " + where);
                }
            } else if (startsValue(t) && prev != null && endsValue(prev, expression, i - 1) && !newItem
                    && !FOR_KEYWORDS.contains(t.text()) && !FOR_KEYWORDS.contains(prev.text())) {
                throw new SyntaxError(file, t.line(), "'" + prev + "' and '" + t + "' stand side by side without an operator in " + where);
            }
            prev = t;
        }
        if (!stack.isEmpty()) {
            throw new SyntaxError(file, prev == null ? 0 : prev.line(), "'" + stack.get(stack.size() - 1) + "' is never closed in " + where);
        }
        if (questions.get(0) > 0) {
            throw new SyntaxError(file, prev == null ? 0 : prev.line(), "'?' without its ':' in " + where);
        }
    }

    private static boolean startsValue(Token t) {
        return t.kind() == Kind.IDENT || t.kind() == Kind.NUMBER || t.kind() == Kind.STRING || t.kind() == Kind.HEREDOC;
    }

    /** A token a value can end with: a name, literal, closing bracket, or the '*' of a splat. */
    private static boolean endsValue(Token t, List<Token> expression, int index) {
        return (startsValue(t) && !FOR_KEYWORDS.contains(t.text())) || t.is(")") || t.is("]") || t.is("}")
                || isSplatStar(expression, index);
    }

    private static boolean isSplatStar(List<Token> expression, int index) {
        return index > 0 && expression.get(index).is("*") && (expression.get(index - 1).is("[") || expression.get(index - 1).is("."));
    }
}
