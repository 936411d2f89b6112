package io.workflowingest.platform;

import io.quarkus.credentials.CredentialsProvider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The IAM auth token handed to the datasources: its shape, and a signature that checks out independently. */
class RdsIamCredentialsProviderTest {

    static final String ACCESS_KEY = "AKIDEXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final String PROXY = "workflow-ingest.proxy-c0ffee123456.eu-west-1.rds.amazonaws.com";

    static final Pattern TOKEN = Pattern.compile(
            "^" + Pattern.quote(PROXY) + ":5432/\\?(?<query>"
                    + "(?=(?:.*&)?Action=connect(?:&|$))"
                    + "(?=(?:.*&)?DBUser=workflow_ingest(?:&|$))"
                    + "(?=(?:.*&)?X-Amz-Algorithm=AWS4-HMAC-SHA256(?:&|$))"
                    + "(?=(?:.*&)?X-Amz-Credential=AKIDEXAMPLE%2F\\d{8}%2Feu-west-1%2Frds-db%2Faws4_request(?:&|$))"
                    + "(?=(?:.*&)?X-Amz-Date=\\d{8}T\\d{6}Z(?:&|$))"
                    + "(?=(?:.*&)?X-Amz-Expires=900(?:&|$))"
                    + "(?=(?:.*&)?X-Amz-SignedHeaders=host(?:&|$))"
                    + ".*&X-Amz-Signature=(?<signature>[0-9a-f]{64}))$");

    static RdsIamCredentialsProvider provider(String url) {
        RdsUtilities utilities = RdsUtilities.builder()
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .region(Region.EU_WEST_1)
                .build();
        return new RdsIamCredentialsProvider(utilities, url, "workflow_ingest");
    }

    @Test
    void tokenHasTheShapeRdsProxyExpects() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> credentials = provider("postgresql://" + PROXY + ":5432/workflow_ingest")
                .getCredentials(RdsIamCredentialsProvider.NAME);

        assertEquals("workflow_ingest", credentials.get(CredentialsProvider.USER_PROPERTY_NAME));
        String token = credentials.get(CredentialsProvider.PASSWORD_PROPERTY_NAME);
        Matcher matcher = TOKEN.matcher(token);
        assertTrue(matcher.matches(), "unexpected token shape: " + token);

        Map<String, String> query = queryOf(matcher.group("query"));
        Instant signedAt = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .parse(query.get("X-Amz-Date"), Instant::from);
        assertTrue(!signedAt.isBefore(before) && !signedAt.isAfter(Instant.now()), "signed now: " + signedAt);
        assertTrue(query.get("X-Amz-Credential").contains(query.get("X-Amz-Date").substring(0, 8)),
                "credential scope date is the signing date");
    }

    @Test
    void signatureVerifiesWithTheSecretKey() throws Exception {
        String token = provider("postgresql://" + PROXY + ":5432/workflow_ingest?sslmode=verify-full")
                .getCredentials(RdsIamCredentialsProvider.NAME).get(CredentialsProvider.PASSWORD_PROPERTY_NAME);
        Matcher matcher = TOKEN.matcher(token);
        assertTrue(matcher.matches(), token);

        assertEquals(matcher.group("signature"), sigV4Presign(PROXY + ":5432", matcher.group("query"), SECRET_KEY));
        assertNotEquals(matcher.group("signature"), sigV4Presign(PROXY + ":5432", matcher.group("query"), SECRET_KEY + "x"),
                "the check must depend on the key");
    }

    @Test
    void eachConnectionGetsAFreshlySignedToken() throws Exception {
        RdsIamCredentialsProvider provider = provider("postgresql://" + PROXY + ":5432/workflow_ingest");
        String first = provider.getCredentials(RdsIamCredentialsProvider.NAME).get(CredentialsProvider.PASSWORD_PROPERTY_NAME);
        Thread.sleep(1100);
        String second = provider.getCredentials(RdsIamCredentialsProvider.NAME).get(CredentialsProvider.PASSWORD_PROPERTY_NAME);
        assertNotEquals(first, second, "a token is signed per call, never reused past its date");
    }

    @Test
    void hostAndPortComeFromTheReactiveUrl() {
        assertEquals(new RdsIamCredentialsProvider.Endpoint(PROXY, 5432),
                RdsIamCredentialsProvider.Endpoint.of("postgresql://" + PROXY + "/workflow_ingest"));
        assertEquals(new RdsIamCredentialsProvider.Endpoint("db.internal", 6432),
                RdsIamCredentialsProvider.Endpoint.of("postgresql://db.internal:6432/x?sslmode=verify-full,postgresql://other:5432/x"));
        String token = provider("postgresql://db.internal:6432/x").getCredentials(RdsIamCredentialsProvider.NAME)
                .get(CredentialsProvider.PASSWORD_PROPERTY_NAME);
        assertTrue(token.startsWith("db.internal:6432/?"), token);
        assertThrows(IllegalStateException.class, () -> RdsIamCredentialsProvider.Endpoint.of("postgresql:///nohost"));
    }

    /** SigV4 query-string presigning of GET / for service rds-db, computed here without the SDK. */
    static String sigV4Presign(String hostHeader, String query, String secretKey) throws Exception {
        Map<String, String> params = queryOf(query);
        params.remove("X-Amz-Signature");
        String canonicalQuery = String.join("&", params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).toList());
        String canonicalRequest = String.join("\n", "GET", "/", canonicalQuery, "host:" + hostHeader, "", "host",
                hex(MessageDigest.getInstance("SHA-256").digest(new byte[0])));
        String date = params.get("X-Amz-Date");
        String[] scope = params.get("X-Amz-Credential").split("/", 2);
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", date, scope[1],
                hex(MessageDigest.getInstance("SHA-256").digest(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date.substring(0, 8));
        key = hmac(key, "eu-west-1");
        key = hmac(key, "rds-db");
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    static Map<String, String> queryOf(String query) {
        Map<String, String> params = new TreeMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
