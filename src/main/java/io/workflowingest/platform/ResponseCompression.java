package io.workflowingest.platform;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Text answers of at least {@link #MIN_CHARS} characters, i.e. what the read endpoints return
 * (records, pages, artifacts, lineage, campaigns), are sent gzip-compressed when the request's
 * {@code Accept-Encoding} admits gzip, as curl {@code --compressed}, Python's requests and
 * browsers send it. A page of 100 typical Flowcept
 * records (~320 KB of JSON) travels as ~20-60 KB, and the function spends less time too: the
 * Lambda glue copies the body byte by byte and the runtime writes it as one escaped JSON string,
 * both in proportion to its size (bench/RESULTS.md). API Gateway HTTP APIs do not compress
 * Lambda answers themselves. Level 1 (fastest): most of the gain for a fraction of the time.
 *
 * <p>The Content-Type header is named in lower case on compressed answers, on purpose. Quarkus's
 * lambda-http glue (3.33) looks that header up as exactly {@code Content-Type} and, for a JSON
 * type, returns the body to API Gateway as a UTF-8 string, which would mangle gzip bytes; without
 * a match it returns the body base64-encoded with {@code isBase64Encoded: true}, which is what API
 * Gateway needs for binary bodies. HTTP header names are case-insensitive, so clients see the same
 * header. {@code ResponseCompressionTest} proves the bytes arrive intact through the Lambda event
 * path, and fails should the glue change.
 */
public class ResponseCompression {

    /** Below this many characters compression saves too little to be worth its time. */
    static final int MIN_CHARS = 8 * 1024;

    @ServerResponseFilter(priority = Priorities.ENTITY_CODER)
    public void compress(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof String body) || body.length() < MIN_CHARS) {
            return;
        }
        response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        if (response.getHeaders().containsKey(HttpHeaders.CONTENT_ENCODING)
                || !acceptsGzip(request.getHeaderString(HttpHeaders.ACCEPT_ENCODING))) {
            return;
        }
        MediaType type = response.getMediaType();
        response.setEntity(gzip(body), response.getEntityAnnotations(), type);
        // setEntity may give the response a new header map: take it afresh.
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.remove(HttpHeaders.CONTENT_TYPE);
        headers.putSingle("content-type", type == null ? MediaType.APPLICATION_JSON : type.toString());
        headers.putSingle(HttpHeaders.CONTENT_ENCODING, "gzip");
        // Another content-coding is another representation: a strong ETag may not name both
        // (RFC 9110, 8.8.3). A weak one still validates either, as If-None-Match compares weakly.
        Object tag = headers.getFirst(HttpHeaders.ETAG);
        if (tag != null) {
            EntityTag strong = tag instanceof EntityTag entityTag ? entityTag : EntityTag.valueOf(tag.toString());
            headers.putSingle(HttpHeaders.ETAG, new EntityTag(strong.getValue(), true));
        }
    }

    /**
     * Whether {@code acceptEncoding} (RFC 9110, section 12.5.3) admits gzip: listed as
     * {@code gzip} or {@code x-gzip}, or covered by {@code *}, with a weight above zero.
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null || acceptEncoding.isBlank()) {
            return false;
        }
        Boolean gzip = null;
        boolean any = false;
        for (String element : acceptEncoding.split(",")) {
            String[] parts = element.split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            boolean acceptable = weight(parts) > 0;
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = gzip == null ? acceptable : gzip || acceptable;
            } else if (coding.equals("*")) {
                any = acceptable;
            }
        }
        return gzip != null ? gzip : any;
    }

    /** The {@code q} parameter of a coding, 1 when absent; 0 when malformed (never guess a client wants it). */
    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q') && parameter.charAt(1) == '=') {
                try {
                    return Double.parseDouble(parameter.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    private static byte[] gzip(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 8 + 64);
        try (GZIPOutputStream gzip = new FastGzipOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** GZIPOutputStream at compression level 1. */
    private static final class FastGzipOutputStream extends GZIPOutputStream {
        FastGzipOutputStream(ByteArrayOutputStream out) throws IOException {
            super(out, 16 * 1024);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
