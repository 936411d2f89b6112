package io.workflowingest.platform;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The configured API keys ({@code ingest.auth.keys}: comma-separated {@code scope:sha256hex}),
 * held as SHA-256 hashes only. Built at startup so a malformed entry stops the function with a
 * message naming the entry, instead of refusing every request later.
 *
 * <p>A presented key is hashed and compared with every configured hash by
 * {@link MessageDigest#isEqual} (constant time); the loop never stops early, so the time taken
 * does not tell which entry, if any, matched. The same hash may appear under several scopes.
 */
@Startup
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    private static final String BEARER = "bearer";

    /** One configured entry. */
    record Entry(Scope scope, byte[] sha256) {
    }

    /** The holder of an accepted key: its scopes and a short, non-secret id for logs. */
    record Caller(String keyId, Set<Scope> scopes) {
        public boolean may(Scope required) {
            for (Scope held : scopes) {
                if (held.grants(required)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final boolean enabled;
    private final List<Entry> entries;

    @Inject
    ApiKeys(IngestConfig config) {
        this(config.auth().enabled(), config.auth().keys().orElse(""));
    }

    ApiKeys(boolean enabled, String keys) {
        this.enabled = enabled;
        this.entries = parse(keys);
        if (!enabled) {
            LOG.warn("API keys are OFF (ingest.auth.enabled=false): anyone who reaches this service may "
                    + "ingest, read and delete. Only for local development.");
        } else if (entries.isEmpty()) {
            LOG.warn("API keys are on but ingest.auth.keys is empty: every /api request will be answered 401.");
        } else {
            LOG.infof("API keys are on: %d key hash(es) configured.", entries.size());
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * The caller presenting {@code authorization} (an {@code Authorization} header value), or
     * null when it is missing, not a bearer token, or matches no configured hash.
     */
    Caller authenticate(String authorization) {
        String token = bearerToken(authorization);
        if (token == null) {
            return null;
        }
        byte[] presented = sha256(token.getBytes(StandardCharsets.UTF_8));
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (Entry entry : entries) {
            // No early exit: every entry is compared whatever matched before.
            boolean match = MessageDigest.isEqual(presented, entry.sha256());
            if (match) {
                scopes.add(entry.scope());
            }
        }
        if (scopes.isEmpty()) {
            return null;
        }
        // The first 8 hex digits of the key's hash name it in logs; the hash is not a secret.
        return new Caller(HexFormat.of().formatHex(presented, 0, 4), Set.copyOf(scopes));
    }

    static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space <= 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return null;
        }
        String token = value.substring(space + 1).strip();
        return token.isEmpty() ? null : token;
    }

    /**
     * Parses {@code ingest.auth.keys}. Error messages name the entry by position and never repeat
     * its text: a raw key pasted by mistake must not end up in a log.
     */
    static List<Entry> parse(String keys) {
        List<Entry> entries = new ArrayList<>();
        if (keys == null || keys.isBlank()) {
            return entries;
        }
        String[] parts = keys.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            String where = "ingest.auth.keys entry " + (i + 1) + " of " + parts.length;
            if (part.isEmpty()) {
                throw new IllegalArgumentException(where + " is empty; expected comma-separated scope:sha256hex entries.");
            }
            int colon = part.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(where
                        + " has no ':'; expected scope:sha256hex, e.g. read:<64 hex digits of the key's SHA-256>.");
            }
            Scope scope = Scope.byId(part.substring(0, colon).strip());
            if (scope == null) {
                throw new IllegalArgumentException(where + " names an unknown scope; use ingest, read or admin.");
            }
            String hex = part.substring(colon + 1).strip();
            if (hex.length() != 64 || !isHex(hex)) {
                throw new IllegalArgumentException(where + " (scope " + scope.id() + ") is not a SHA-256 hash: expected 64 hex digits, got "
                        + hex.length() + " characters" + (isHex(hex) ? "" : " that are not all hex digits")
                        + ". Configure the hash of the key (printf %s \"$KEY\" | sha256sum), never the key.");
            }
            entries.add(new Entry(scope, HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT))));
        }
        return entries;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) {
                return false;
            }
        }
        return true;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
