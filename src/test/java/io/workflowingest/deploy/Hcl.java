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

    private static boolean isOperand(Token t) {
        return t.kind() == Kind.IDENT || t.kind() == Kind.NUMBER || t.kind() == Kind.STRING || t.kind() == Kind.HEREDOC;
    }

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
                inner.addAll(tokens.subList(0, tokens.size() - 1));
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
            List<String> open = new ArrayList<>();
            while (true) {
                Token t = tokens.get(pos);
                if (t.kind() == Kind.EOF) {
                    if (!open.isEmpty()) {
                        throw new SyntaxError(file, name.line(), "'" + open.get(open.size() - 1) + "' opened in '" + name.text() + "' is never closed");
                    }
                    break;
                }
                if (open.isEmpty() && (t.kind() == Kind.NEWLINE || (oneLineBlock && t.is("}")))) {
                    break;
                }
                pos++;
                if (t.kind() == Kind.NEWLINE) {
                    continue;
                }
                if (t.is("(") || t.is("[") || t.is("{")) {
                    open.add(t.text());
                } else if (t.is(")") || t.is("]") || t.is("}")) {
                    String expected = switch (t.text()) {
                        case ")" -> "(";
                        case "]" -> "[";
                        default -> "{";
                    };
                    if (open.isEmpty() || !open.remove(open.size() - 1).equals(expected)) {
                        throw new SyntaxError(file, t.line(), "'" + t.text() + "' does not match an open bracket in '" + name.text() + "'");
                    }
                } else if (t.is("=") && (open.isEmpty() || !open.get(open.size() - 1).equals("{"))) {
                    throw new SyntaxError(file, t.line(), "unexpected '=' in the value of '" + name.text() + "'");
                }
                // Two values side by side need an operator between them, except around the keywords of
                // for expressions, and in object constructors, whose items a newline may separate.
                if (!expression.isEmpty() && isOperand(t) && isOperand(expression.get(expression.size() - 1))
                        && (open.isEmpty() || !open.get(open.size() - 1).equals("{"))
                        && !FOR_KEYWORDS.contains(t.text()) && !FOR_KEYWORDS.contains(expression.get(expression.size() - 1).text())) {
                    throw new SyntaxError(file, t.line(), "'" + expression.get(expression.size() - 1) + "' and '" + t
                            + "' stand side by side without an operator in the value of '" + name.text() + "'");
                }
                expression.add(t);
            }
            if (expression.isEmpty()) {
                throw new SyntaxError(file, name.line(), "attribute '" + name.text() + "' has no value");
            }
            Token last = expression.get(expression.size() - 1);
            if (last.kind() == Kind.PUNCT && BINARY_OR_DANGLING.contains(last.text())) {
                throw new SyntaxError(file, last.line(), "the value of '" + name.text() + "' ends with '" + last.text() + "'");
            }
            return expression;
        }
    }
}
