package bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultFileRegion;

import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The two ways Quarkus's lambda-http glue (3.33, LambdaHttpHandler.NettyResponseHandler) collects
 * a response body, on a body of the size of a page of 100 records, timed alone:
 * <ul>
 * <li>{@code per-byte}: an ordinary body, {@code ByteBuf.readByte()} into
 * {@code ByteArrayOutputStream.write(int)} (synchronized), once per byte, into a stream of 8,096
 * bytes that grows as it fills, as the glue does;</li>
 * <li>{@code file}: what the application does instead (platform/SpooledBody): write the body to a
 * temporary file, open it, delete its name, and let the glue copy the Netty FileRegion through
 * {@code Channels.newChannel(stream)}.</li>
 * </ul>
 * Run with the function's JVM flags (bench/lib.sh) on a quiet machine:
 * {@code java $JVM_OPTS -cp "bench/target/workflow-ingest-bench-*.jar:bench/target/lib/*" bench.BodyCopy [bytes] [rounds]}.
 * Prints the median and p99 of each, in ms per body.
 */
public final class BodyCopy {

    private BodyCopy() {
    }

    public static void main(String[] args) throws Exception {
        int bytes = args.length > 0 ? Integer.parseInt(args[0]) : 321_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        byte[] body = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        double[] perByte = new double[rounds];
        double[] file = new double[rounds];
        for (int warm = 0; warm < 2; warm++) {   // the first pass warms the code up; the second is reported
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                ByteBuf content = Unpooled.wrappedBuffer(body);
                ByteArrayOutputStream out = new ByteArrayOutputStream(8096);
                int readable = content.readableBytes();
                for (int i = 0; i < readable; i++) {
                    out.write(content.readByte());
                }
                check(out, bytes);
                long t1 = System.nanoTime();
                Path spooled = Files.createTempFile(dir, "body-copy-", ".json");
                Files.write(spooled, body);
                RandomAccessFile raf = new RandomAccessFile(spooled.toFile(), "r");
                Files.delete(spooled);
                DefaultFileRegion region = new DefaultFileRegion(raf.getChannel(), 0, bytes);
                ByteArrayOutputStream fromFile = new ByteArrayOutputStream(8096);
                WritableByteChannel channel = Channels.newChannel(fromFile);
                region.transferTo(channel, region.transferred());
                region.release();
                check(fromFile, bytes);
                long t2 = System.nanoTime();
                perByte[r] = (t1 - t0) / 1e6;
                file[r] = (t2 - t1) / 1e6;
            }
        }
        System.out.printf("RESULT workload=body_copy bytes=%d rounds=%d per_byte_p50_ms=%.3f per_byte_p99_ms=%.3f file_p50_ms=%.3f file_p99_ms=%.3f%n",
                bytes, rounds, percentile(perByte, 50), percentile(perByte, 99), percentile(file, 50), percentile(file, 99));
    }

    private static void check(ByteArrayOutputStream out, int bytes) {
        if (out.size() != bytes) {
            throw new IllegalStateException("copied " + out.size() + " of " + bytes + " bytes");
        }
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
