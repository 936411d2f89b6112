package io.workflowingest.platform;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CA bundle shipped in function.zip (src/main/zip.native/ lands in /var/task/) that the {@code aws}
 * profile verifies the database server against: it must parse, hold the roots RDS Proxy's certificates
 * chain to (Amazon Root CA 1-4, Starfield G2) and the RDS database roots, and none may be expired.
 */
class RdsCaBundleTest {

    static final Path BUNDLE = Path.of("src/main/zip.native/rds-ca-bundle.pem");

    @Test
    void bundleHoldsTheProxyAndDatabaseRoots() throws Exception {
        List<X509Certificate> certificates;
        try (InputStream in = Files.newInputStream(BUNDLE)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        }
        assertTrue(certificates.size() > 20, "bundle has " + certificates.size() + " certificates");
        List<String> subjects = certificates.stream().map(c -> c.getSubjectX500Principal().getName()).toList();
        for (String root : List.of("CN=Amazon Root CA 1", "CN=Amazon Root CA 2", "CN=Amazon Root CA 3", "CN=Amazon Root CA 4",
                "CN=Starfield Services Root Certificate Authority - G2")) {
            assertTrue(subjects.stream().anyMatch(s -> s.contains(root)), "RDS Proxy root missing: " + root);
        }
        for (String root : List.of("CN=Amazon RDS us-east-1 Root CA RSA2048 G1", "CN=Amazon RDS eu-west-1 Root CA RSA4096 G1",
                "CN=Amazon RDS us-west-2 Root CA ECC384 G1")) {
            assertTrue(subjects.stream().anyMatch(s -> s.contains(root)), "RDS root missing: " + root);
        }
        Date now = new Date();
        for (X509Certificate certificate : certificates) {
            assertTrue(certificate.getNotAfter().after(now), "expired: " + certificate.getSubjectX500Principal());
        }
    }
}
