package io.workflowingest.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RECORD.md: IP literals are parsed, never resolved; stored in canonical form (RFC 5952 for IPv6). */
class IpAddressesTest {

    @ParameterizedTest
    @CsvSource({
        // IPv4: four decimal octets, kept as sent
        "0.0.0.0, 0.0.0.0",
        "10.128.32.17, 10.128.32.17",
        "255.255.255.255, 255.255.255.255",
        "160.91.12.34, 160.91.12.34",
        // IPv6: lower case, leading zeros dropped
        "2001:0DB8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:DB8::1, 2001:db8::1",
        "FE80::0:1, fe80::1",
        "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
        "0001:0002:0003:0004:0005:0006:0007:0008, 1:2:3:4:5:6:7:8",
        // '::' for the longest run of two or more zero groups, the first on a tie
        "::, ::",
        "0:0:0:0:0:0:0:0, ::",
        "::1, ::1",
        "0:0:0:0:0:0:0:1, ::1",
        "1::, 1::",
        "1:0:0:0:0:0:0:0, 1::",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "0:0:1:0:0:1:0:0, ::1:0:0:1:0:0",
        "1:0:0:2:0:0:0:0, 1:0:0:2::",
        // a single zero group is not compressed
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
        "::2:3:4:5:6:7:8, 0:2:3:4:5:6:7:8",
        "1:2:3::5:6:7:8, 1:2:3:0:5:6:7:8",
        // IPv4-mapped addresses keep the dotted tail; other embedded IPv4 forms become hex
        "::ffff:192.0.2.1, ::ffff:192.0.2.1",
        "::FFFF:192.0.2.1, ::ffff:192.0.2.1",
        "0:0:0:0:0:ffff:192.0.2.1, ::ffff:192.0.2.1",
        "::ffff:c000:0201, ::ffff:192.0.2.1",
        "::ffff:0.0.0.0, ::ffff:0.0.0.0",
        "::192.0.2.1, ::c000:201",
        "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
        "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304",
        "::ffff:0:0, ::ffff:0.0.0.0",
        "ffff::, ffff::",
        "::fffe:1.2.3.4, ::fffe:102:304",
        "1::ffff:1.2.3.4, 1::ffff:102:304",
    })
    void literalsBecomeCanonical(String text, String canonical) {
        assertEquals(canonical, IpAddresses.canonical(text));
        assertEquals(canonical, IpAddresses.canonical(canonical), "the canonical form is its own canonical form");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.256", "01.1.1.1", "1.1.1.00", "1.1.1.01", "00.0.0.0",
        "1.1.1.1 ", " 1.1.1.1", "1..1.1", ".1.1.1", "1.1.1.", "1.1.1.-1", "+1.1.1.1", "1.1.1.1/24", "0x1.1.1.1",
        "\u0661.1.1.1", "１.1.1.1", "1234.1.1.1", "localhost", "example.com", "frontier08123",
        ":", ":::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", "::1::", ":1::", "1:", ":1", "1:2:3:4:5:6:7:8:",
        ":1:2:3:4:5:6:7:8", "12345::", "::12345", "g::1", "::g", "fe80::1%eth0", "fe80::1%1", "[::1]", "::1/128",
        "::ffff:1.2.3", "::ffff:1.2.3.256", "::ffff:1.2.3.04", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4:5", "1.2.3.4::",
        "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "1:2:3:4::5:6:7:8", "::ffff:1.2.3.4.5", "::\u0661", "1 ::1",
        "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.2555",
    })
    void nonLiteralsAreRejected(String text) {
        assertNull(IpAddresses.canonical(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", "::ffff:255.255.255.255"})
    void longestTextFormsAreAccepted(String text) {
        assertEquals(text.startsWith("::") ? text : "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                IpAddresses.canonical(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1:2:3:4:5:6:7::", "1::3:4:5:6:7:8"})
    void compressionMayStandForASingleGroupOnInput(String text) {
        assertEquals(text.startsWith("1::") ? "1:0:3:4:5:6:7:8" : "1:2:3:4:5:6:7:0", IpAddresses.canonical(text));
    }
}
