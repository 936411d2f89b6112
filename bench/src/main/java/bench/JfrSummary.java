package bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the application's CPU goes: jdk.ExecutionSample events of a JFR recording, counted by
 * the top (self) method, by the thread, and by layer (the innermost frame that belongs to a
 * known layer: the application, Jackson, the PostgreSQL client, Vert.x/Netty, RESTEasy, the
 * Lambda runtime client and Quarkus's Lambda glue, logging, JIT/other). Plus GC pauses.
 */
public final class JfrSummary {
    private static final String[][] LAYERS = {
            {"io.workflowingest.", "application (io.workflowingest)"},
            {"com.fasterxml.jackson.", "Jackson (JSON)"},
            {"io.vertx.pgclient.", "reactive PostgreSQL client"},
            {"io.vertx.sqlclient.", "reactive PostgreSQL client"},
            {"org.jboss.resteasy.reactive.", "Quarkus REST"},
            {"io.quarkus.resteasy.reactive.", "Quarkus REST"},
            {"io.quarkus.amazon.lambda.", "Quarkus Lambda glue"},
            {"com.amazonaws.services.lambda.", "AWS runtime interface client"},
            {"org.jboss.logmanager.", "logging"},
            {"io.quarkus.logging.", "logging"},
            {"io.netty.", "Netty"},
            {"io.vertx.", "Vert.x"},
            {"io.smallrye.mutiny.", "Mutiny"},
            {"io.quarkus.", "Quarkus other"},
            {"java.", "JDK"},
            {"jdk.", "JDK"},
            {"sun.", "JDK"},
    };

    public static void main(String[] args) throws Exception {
        Map<String, Integer> top = new HashMap<>();
        Map<String, Integer> layer = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        double gcMillis = 0;
        int gcs = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.GarbageCollection")) {
                gcs++;
                gcMillis += e.getDuration("sumOfPauses").toNanos() / 1e6;
                continue;
            }
            if (!type.equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            RecordedFrame self = frames.get(0);
            top.merge(self.getMethod().getType().getName() + "." + self.getMethod().getName(), 1, Integer::sum);
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("-?\\d+$", "-N"), 1, Integer::sum);
            // The innermost frame that is not JDK names the layer that asked for the work.
            String found = null;
            for (RecordedFrame f : frames) {
                String cls = f.getMethod().getType().getName();
                String l = layerOf(cls);
                if (l != null && !l.equals("JDK")) {
                    found = l;
                    break;
                }
            }
            layer.merge(found == null ? "JDK only" : found, 1, Integer::sum);
        }
        System.out.printf("%d execution samples; %d GCs, %.1f ms of pauses%n%n", samples, gcs, gcMillis);
        print("By layer (innermost non-JDK frame)", layer, samples, 20);
        print("By thread", threads, samples, 10);
        print("Top self methods", top, samples, 25);
    }

    private static String layerOf(String cls) {
        for (String[] l : LAYERS) {
            if (cls.startsWith(l[0])) {
                return l[1];
            }
        }
        return "other: " + cls.replaceAll("^((?:[^.]+\\.){2}).*", "$1");
    }

    private static void print(String title, Map<String, Integer> counts, int total, int limit) {
        System.out.println("| " + title + " | samples | % |\n|---|---|---|");
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(limit)
                .forEach(en -> System.out.printf("| %s | %d | %.1f |%n", en.getKey(), en.getValue(), 100.0 * en.getValue() / total));
        System.out.println();
    }
}
