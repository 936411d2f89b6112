package bench;

import io.quarkus.amazon.lambda.runtime.MockHttpEventServer;

/**
 * Quarkus's mock Lambda event server as a process of its own: the Lambda runtime API under
 * {@code /_lambda_/2018-06-01/runtime/...} (what the runtime interface client polls) and an
 * HTTP front that turns every other request into an API Gateway HTTP API (v2) event, the way
 * {@code quarkus:dev} and the application's tests run it.
 */
public final class EventServer {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        MockHttpEventServer server = new MockHttpEventServer();
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
}
