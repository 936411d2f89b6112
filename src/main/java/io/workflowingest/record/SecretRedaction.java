package io.workflowingest.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Locale;
import java.util.Map;

/**
 * RECORD.md normalization step 8, for {@code flowcept_settings} only: older Flowcept versions
 * sent passwords and API keys in clear text. At any depth, the value of a key whose lower-cased
 * name contains a secret marker becomes "REDACTED" whatever its type, and so does, whole, any
 * string holding an OpenAI-style key ({@code \bsk-[A-Za-z0-9_-]+}).
 */
final class SecretRedaction {
    static final TextNode REDACTED = TextNode.valueOf("REDACTED");

    private static final String[] SECRET_KEY_MARKERS = {
        "api_key", "access_key", "token", "secret", "password", "passwd", "credentials"
    };

    private SecretRedaction() {
    }

    /**
     * A redacted copy of {@code node}; the input is not modified. Recursive: only called on
     * trees whose depth TreeChecks has already bounded.
     */
    static JsonNode redact(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodes.FACTORY.objectNode();
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                copy.set(member.getKey(), isSecretKey(member.getKey()) ? REDACTED : redact(member.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodes.FACTORY.arrayNode(node.size());
            for (JsonNode item : node) {
                copy.add(redact(item));
            }
            return copy;
        }
        if (node.isTextual() && containsSkKey(node.textValue())) {
            return REDACTED;
        }
        return node;
    }

    static boolean isSecretKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (String marker : SECRET_KEY_MARKERS) {
            if (lower.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code text} contains a match of {@code \bsk-[A-Za-z0-9_-]+}, by hand rather than
     * with a regex on this hot path: "sk-" not preceded by a word character (letter, digit or
     * '_', as \b sees them) and followed by at least one key character.
     */
    static boolean containsSkKey(String text) {
        int at = text.indexOf("sk-");
        while (at >= 0) {
            boolean boundary = at == 0 || !isWordCharacter(text.codePointBefore(at));
            if (boundary && at + 3 < text.length() && isKeyCharacter(text.charAt(at + 3))) {
                return true;
            }
            at = text.indexOf("sk-", at + 1);
        }
        return false;
    }

    private static boolean isWordCharacter(int codePoint) {
        return codePoint == '_' || Character.isLetterOrDigit(codePoint);
    }

    private static boolean isKeyCharacter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
}
