package io.workflowingest.platform;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends large JSON answers (pages of records, and their gzip form) through a temporary file, so
 * that they reach the Lambda response in bulk instead of one byte at a time.
 *
 * <p>Why: Quarkus's lambda-http glue (3.33, {@code LambdaHttpHandler.NettyResponseHandler})
 * collects an ordinary response body with {@code ByteBuf.readByte()} into the synchronized
 * {@code ByteArrayOutputStream.write(int)}, one call per byte. A body sent as a file reaches the
 * same glue as a Netty {@code FileRegion}, which it copies with {@code FileRegion.transferTo} in
 * 8 KB blocks. For a page of 100 records (321 KB) on this project's 2-core machine: 6.2 ms against
 * 1.5 ms for the two copies timed alone ({@code bench.BodyCopy}), and ~10 ms less per page at
 * the client, half of what such a page cost (bench/RESULTS.md, "Sixth run"). Remove this class
 * once the glue copies in bulk (the per-byte loop is the thing to look for).
 *
 * <p>The file is created with owner-only permissions in {@code java.io.tmpdir} (/tmp on Lambda,
 * read at each answer) and deleted as soon as the response has it open, before the invocation
 * ends: nothing is left behind, whatever happens to the invocation afterwards. A Lambda instance
 * handles one invocation at a time, so /tmp holds at most one answer (4 MiB at most,
 * {@code ingest.limits.response-bytes}). Answers under {@link #MIN_BYTES}, where the copy costs
 * less than the file's system calls, and any answer whose file cannot be written (a full or
 * read-only tmpdir) are sent the ordinary way.
 */
public final class SpooledBody {

    /**
     * Below this size the per-byte copy costs ~0.2 ms or less (~20 ns a byte here), too little to
     * be worth a file; the same threshold as {@link ResponseCompression#MIN_CHARS}.
     */
    static final int MIN_BYTES = 8 * 1024;

    static final String FILE_PREFIX = "workflow-ingest-answer-";

    private static final Logger LOG = Logger.getLogger(SpooledBody.class);

    private SpooledBody() {
    }

    static void write(byte[] body, ServerRequestContext context) {
        Path file = body.length < MIN_BYTES ? null : spool(body);
        if (file == null) {
            context.serverResponse().end(body);
            return;
        }
        try {
            // Opens the file and writes it to the response before returning (Vert.x 4.5's
            // Http1xServerResponse.sendFile); an answer over 1 MiB is sent in 1 MiB regions read
            // through the same open file, so deleting its name right after is safe.
            context.serverResponse().sendFile(file.toString(), 0, body.length);
        } finally {
            delete(file);
        }
    }

    /** The body in a new temporary file, or null when it cannot be written there. */
    private static Path spool(byte[] body) {
        Path file = null;
        try {
            file = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), FILE_PREFIX, ".json");
            Files.write(file, body);
            return file;
        } catch (IOException | RuntimeException e) {
            LOG.debugf("answer of %d bytes sent from memory: %s", body.length, e);
            delete(file);
            return null;
        }
    }

    private static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("could not delete the temporary answer file %s: %s", file, e);
        }
    }

    /** JSON answers held as text: what every read endpoint returns before compression. */
    @Provider
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Text implements ServerMessageBodyWriter<String> {

        @Override
        public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
            return type == String.class;
        }

        @Override
        public void writeResponse(String body, Type genericType, ServerRequestContext context) {
            write(body.getBytes(StandardCharsets.UTF_8), context);
        }

        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return type == String.class;
        }

        @Override
        public void writeTo(String body, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** JSON answers held as bytes: what {@link ResponseCompression} leaves after gzip. */
    @Provider
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Bytes implements ServerMessageBodyWriter<byte[]> {

        @Override
        public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
            return type == byte[].class;
        }

        @Override
        public void writeResponse(byte[] body, Type genericType, ServerRequestContext context) {
            write(body, context);
        }

        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return type == byte[].class;
        }

        @Override
        public void writeTo(byte[] body, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
            out.write(body);
        }
    }
}
