package io.workflowingest.platform;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Request bodies as the record layer needs them: decompressed ({@code Content-Encoding: gzip})
 * and bounded. The size limit applies after decompression and is enforced while inflating, so a
 * small gzip bomb is refused after reading limit+1 bytes, not after exhausting memory.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    public static byte[] decode(byte[] raw, String contentEncoding, int limitBytes) {
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "", "identity" -> {
                if (raw.length > limitBytes) {
                    throw tooLarge(limitBytes);
                }
                yield raw;
            }
            case "gzip", "x-gzip" -> gunzip(raw, limitBytes);
            default -> throw ApiException.unsupportedMediaType(
                    "Content-Encoding '" + contentEncoding + "' is not supported; send gzip or no encoding.");
        };
    }

    private static byte[] gunzip(byte[] raw, int limitBytes) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 8192)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limitBytes, Math.max(8192, raw.length * 4)));
            byte[] buffer = new byte[16384];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > limitBytes) {
                    throw tooLarge(limitBytes);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiException.badRequest("malformed-gzip",
                    "The body is declared gzip-compressed but cannot be decompressed: " + e.getMessage(), null);
        }
    }

    private static ApiException tooLarge(int limitBytes) {
        return ApiException.tooLarge("The request body exceeds " + limitBytes
                + " bytes after decompression (ingest.limits.request-bytes); split it into smaller requests.");
    }
}
