package bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU used during the measured interval by the processes that take part (from /proc, Linux
 * only): the named pids ({@code watch=app:123,evs:456}), every process named postgres (all
 * databases: another user's queries count here too), and the whole machine. "other" is the
 * machine's busy time that none of them nor the load generator used: a neighbour's work.
 * Figures are percent of one core (the machine has 2: at most 200).
 */
final class ProcCpu {
    private static final double TICK_NANOS = 1e9 / 100; // USER_HZ is 100 on Linux
    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, Long> before;

    ProcCpu(String watch) {
        for (String entry : watch.split(",")) {
            int colon = entry.indexOf(':');
            if (colon > 0) {
                pids.put(entry.substring(0, colon), Long.parseLong(entry.substring(colon + 1)));
            }
        }
        before = snapshot();
    }

    String report(long wallNanos, long loadGenCpuNanos) {
        Map<String, Long> after = snapshot();
        StringBuilder sb = new StringBuilder();
        double ours = 100.0 * loadGenCpuNanos / wallNanos;
        long pgTicks = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            if (e.getKey().startsWith("pg:")) {
                pgTicks += e.getValue() - before.getOrDefault(e.getKey(), 0L); // new backends: all of it
            }
        }
        double pgPct = 100.0 * pgTicks * TICK_NANOS / wallNanos;
        ours += pgPct;
        sb.append(String.format(" pg_cpu_pct=%.1f", pgPct));
        for (String name : after.keySet()) {
            if (!before.containsKey(name) || name.equals("machine") || name.startsWith("pg:")) {
                continue;
            }
            double pct = 100.0 * (after.get(name) - before.get(name)) * TICK_NANOS / wallNanos;
            ours += pct;
            sb.append(String.format(" %s_cpu_pct=%.1f", name, pct));
        }
        if (before.containsKey("machine")) {
            double machine = 100.0 * (after.get("machine") - before.get("machine")) * TICK_NANOS / wallNanos;
            sb.append(String.format(" machine_cpu_pct=%.1f other_cpu_pct=%.1f", machine, Math.max(0, machine - ours)));
        }
        return sb.toString();
    }

    private Map<String, Long> snapshot() {
        Map<String, Long> s = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            long t = ticks(Path.of("/proc", Long.toString(pid), "stat"));
            if (t >= 0) {
                s.put(name, t);
            }
        });
        // Per postgres pid ("pg:<pid>"), so that a backend that exits during the interval does
        // not take its whole lifetime's CPU out of the sum (it is left out: an undercount).
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : dir) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        s.put("pg:" + p.getFileName(), ticks(stat));
                    }
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        } catch (IOException noProc) {
            return s;
        }
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // user nice system idle iowait irq softirq steal
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(cpu[i]);
            }
            s.put("machine", busy);
        } catch (IOException | RuntimeException e) {
            // no machine figure
        }
        return s;
    }

    private static long ticks(Path stat) {
        try {
            return ticks(Files.readString(stat));
        } catch (IOException e) {
            return -1;
        }
    }

    /** utime + stime (fields 14 and 15), counted after the ")" that ends the command name. */
    private static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
