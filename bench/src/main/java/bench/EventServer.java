package bench;

import io.quarkus.amazon.lambda.runtime.MockHttpEventServer;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Quarkus's mock Lambda event server as a process of its own: the Lambda runtime API under
 * {@code /_lambda_/2018-06-01/runtime/...} (what the runtime interface client polls) and an
 * HTTP front that turns every other request into an API Gateway HTTP API (v2) event, the way
 * {@code quarkus:dev} and the application's tests run it.
 *
 * <p>It also measures what Lambda bills: the function's duration per invocation, from the
 * moment the event is handed to the function (the response to its {@code /next} poll is
 * written) to the moment its {@code /response} arrives. {@code GET /_bench/durations} answers
 * the figures since the last call and starts over.
 */
public final class EventServer extends MockHttpEventServer {
    private static final String REQUEST_ID = "Lambda-Runtime-Aws-Request-Id";
    private final Map<String, Long> handedOver = new ConcurrentHashMap<>();
    private long[] durations = new long[4096];
    private int count;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        EventServer server = new EventServer();
        server.start(port);
        System.out.println("event-server listening on " + server.getPort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
        }));
        Thread.currentThread().join();
    }

    @Override
    public void setupRoutes() {
        router.get("/_bench/durations").order(-1000).handler(this::durations);
        super.setupRoutes();
    }

    @Override
    public void nextEvent(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> {
            String id = ctx.response().headers().get(REQUEST_ID);
            if (id != null) {
                handedOver.put(id, System.nanoTime());
            }
        });
        super.nextEvent(ctx);
    }

    @Override
    public void handleResponse(RoutingContext ctx) {
        Long start = handedOver.remove(ctx.pathParam("requestId"));
        if (start != null) {
            record(System.nanoTime() - start);
        }
        super.handleResponse(ctx);
    }

    private synchronized void record(long nanos) {
        if (count == durations.length) {
            durations = Arrays.copyOf(durations, count * 2);
        }
        durations[count++] = nanos;
    }

    private void durations(RoutingContext ctx) {
        long[] d;
        synchronized (this) {
            d = Arrays.copyOf(durations, count);
            count = 0;
        }
        Arrays.sort(d);
        double sum = 0;
        for (long x : d) {
            sum += x;
        }
        String body = d.length == 0 ? "fn_invocations=0" : String.format(
                "fn_invocations=%d fn_mean_ms=%.3f fn_p50_ms=%.3f fn_p99_ms=%.3f fn_max_ms=%.3f",
                d.length, sum / d.length / 1e6, pct(d, 50), pct(d, 99), d[d.length - 1] / 1e6);
        ctx.response().putHeader("Content-Type", "text/plain").end(body);
    }

    private static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
