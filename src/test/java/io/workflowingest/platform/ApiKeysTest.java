package io.workflowingest.platform;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.workflowingest.platform.AuthEnabledProfile.sha256Hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing {@code ingest.auth.keys} and matching presented keys (no HTTP). */
class ApiKeysTest {

    static final String KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void aKeyMatchesItsHashOnlyAndCollectsEveryScopeListedForIt() {
        ApiKeys keys = new ApiKeys(true, "read:" + sha256Hex(KEY) + ", ingest:" + sha256Hex(KEY) + ",admin:" + sha256Hex("other"));
        ApiKeys.Caller caller = keys.authenticate("Bearer " + KEY);
        assertEquals(Set.of(Scope.READ, Scope.INGEST), caller.scopes());
        assertTrue(caller.may(Scope.READ));
        assertTrue(caller.may(Scope.INGEST));
        assertFalse(caller.may(Scope.ADMIN));
        assertEquals(sha256Hex(KEY).substring(0, 8), caller.keyId());
        assertNull(keys.authenticate("Bearer " + KEY + "x"));
        assertNull(keys.authenticate("Bearer " + sha256Hex(KEY)), "the hash itself is not a key");
        assertTrue(keys.authenticate("Bearer other").may(Scope.READ), "admin implies read");
    }

    @Test
    void hexCaseAndSpacesDoNotMatter() {
        ApiKeys keys = new ApiKeys(true, "  READ : " + sha256Hex(KEY).toUpperCase() + "  ");
        assertEquals(Set.of(Scope.READ), keys.authenticate("bearer   " + KEY + " ").scopes());
    }

    @Test
    void noKeysMeansNobodyGetsIn() {
        ApiKeys keys = new ApiKeys(true, "");
        assertNull(keys.authenticate("Bearer " + KEY));
        assertNull(keys.authenticate(null));
    }

    @Test
    void malformedEntriesStopStartupWithoutRepeatingTheEntry() {
        String rawKeyByMistake = "read:" + KEY;
        for (String bad : List.of(rawKeyByMistake, "write:" + sha256Hex(KEY), sha256Hex(KEY), "read:" + sha256Hex(KEY) + ",",
                "read:" + sha256Hex(KEY).replace('a', 'g'), "read:" + sha256Hex(KEY) + "00", "read:\u0663" + sha256Hex(KEY).substring(1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("ingest.auth.keys entry "), e.getMessage());
            assertFalse(e.getMessage().contains(KEY), "the message repeats the configured value: " + e.getMessage());
            assertFalse(e.getMessage().contains(sha256Hex(KEY)), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse(rawKeyByMistake)).getMessage()
                .contains("never the key"));
    }

    @Test
    void onlyBearerTokensAreRead() {
        assertEquals("abc", ApiKeys.bearerToken("Bearer abc"));
        assertEquals("abc", ApiKeys.bearerToken("BEARER abc"));
        assertNull(ApiKeys.bearerToken("Basic abc"));
        assertNull(ApiKeys.bearerToken("Bearer"));
        assertNull(ApiKeys.bearerToken("Bearer    "));
        assertNull(ApiKeys.bearerToken("Bearerabc"));
        assertNull(ApiKeys.bearerToken(""));
    }

    @Test
    void authSwitchIsStrict() {
        StrictBooleanConverter converter = new StrictBooleanConverter();
        assertTrue(converter.convert("TRUE"));
        assertFalse(converter.convert(" false "));
        for (String typo : List.of("flase", "0", "no", "off", "yes", "")) {
            assertThrows(IllegalArgumentException.class, () -> converter.convert(typo), typo);
        }
    }
}
