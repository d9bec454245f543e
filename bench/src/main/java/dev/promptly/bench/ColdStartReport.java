package dev.promptly.bench;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The cold-start tables, in Markdown, from the runs of one command (so every ratio is within one run). */
final class ColdStartReport {
    private ColdStartReport() {
    }

    static String markdown(List<ColdStartBench.Run> runs, int rounds, List<String> modes) {
        Map<String, List<ColdStartBench.Run>> byTarget = byTarget(runs);
        String baseline = baseline(byTarget);
        StringBuilder md = new StringBuilder(machine(rounds));

        double basePlain = stat(byTarget.get(baseline), "plain", "total", Stats::median);
        double baseCds = stat(byTarget.get(baseline), "appcds", "total", Stats::median);
        md.append("Process start (the parent's spawn) to the first handler return, ms:\n\n");
        md.append("| Function | plain median | plain p90 | ratio to baseline | AppCDS median | AppCDS p90 | AppCDS ratio to plain baseline | AppCDS ratio to AppCDS baseline | unprimed first invoke, median | primed first invoke, median | priming (beforeCheckpoint), median |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (var e : byTarget.entrySet()) {
            var r = e.getValue();
            double plain = stat(r, "plain", "total", Stats::median);
            double cds = stat(r, "appcds", "total", Stats::median);
            double unprimed = stat(r, "plain", "invoke", Stats::median);
            double primed = stat(r, "primed", "invoke", Stats::median);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", e.getKey(),
                    ms(plain), ms(stat(r, "plain", "total", Stats::p90)), ratio(plain / basePlain),
                    ms(cds), ms(stat(r, "appcds", "total", Stats::p90)), ratio(cds / basePlain), ratio(cds / baseCds),
                    ms(unprimed), Double.isNaN(primed) ? "no hook" : ms(primed),
                    Double.isNaN(primed) ? "–" : ms(stat(r, "primed", "priming", Stats::median))));
        }
        if (!Double.isNaN(baseCds)) {
            md.append(String.format(Locale.ROOT, "%nWith AppCDS the baseline itself takes %s ms (median).%n", ms(baseCds)));
        }

        md.append("\nWhere the plain cold start goes (medians, ms; classes loaded at the first return, "
                + "including the JVM's own and those java.lang.management loads to count them):\n\n");
        md.append("| Function | spawn → main | static init (class load) | constructor | event decode | first handleRequest | spawn → return | JVM start → return | classes loaded |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (var e : byTarget.entrySet()) {
            var r = e.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", e.getKey(),
                    ms(stat(r, "plain", "toMain", Stats::median)), ms(stat(r, "plain", "classInit", Stats::median)),
                    ms(stat(r, "plain", "constructor", Stats::median)), ms(stat(r, "plain", "decode", Stats::median)),
                    ms(stat(r, "plain", "handle", Stats::median)), ms(stat(r, "plain", "total", Stats::median)),
                    ms(stat(r, "plain", "fromJvmStart", Stats::median)),
                    String.format(Locale.ROOT, "%,.0f", stat(r, "plain", "classes", Stats::median))));
        }
        if (modes.contains("appcds")) {
            md.append("\nClasses loaded with AppCDS (medians): ");
            md.append(byTarget.entrySet().stream().map(e -> e.getKey() + " "
                    + String.format(Locale.ROOT, "%,.0f", stat(e.getValue(), "appcds", "classes", Stats::median))).collect(Collectors.joining("; ")));
            md.append(".\n");
        }
        md.append(samples(byTarget));
        return md.toString();
    }

    /**
     * The tables of a run through Lambda's runtime interface client: spawn to the posted answer (the cold
     * start), spawn to the first {@code next} (init), and the first {@code next} to the answer (the unprimed
     * first invoke: fetch, decode, handle, encode, post), each against the baseline's in the same mode.
     */
    static String runtimeClientMarkdown(List<ColdStartBench.Run> runs, int rounds, List<String> modes) {
        Map<String, List<ColdStartBench.Run>> byTarget = byTarget(runs);
        var base = byTarget.get(baseline(byTarget));
        StringBuilder md = new StringBuilder(machine(rounds));
        md.append("Through AWS's Lambda runtime interface client; medians in ms, ratio = the function's median / the baseline's in the same mode:\n\n");
        md.append("| Function | mode | cold start (spawn → response) | p90 | ratio | init (spawn → first next) | first invoke (next → response) | first invoke ratio |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (String mode : modes) {
            double baseTotal = stat(base, mode, "total", Stats::median);
            double baseInvoke = stat(base, mode, "firstInvoke", Stats::median);
            for (var e : byTarget.entrySet()) {
                var r = e.getValue();
                double total = stat(r, mode, "total", Stats::median);
                double invoke = stat(r, mode, "firstInvoke", Stats::median);
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", e.getKey(), mode.equals("appcds") ? "AppCDS" : mode,
                        ms(total), ms(stat(r, mode, "total", Stats::p90)), ratio(total / baseTotal),
                        ms(stat(r, mode, "init", Stats::median)), ms(invoke), ratio(invoke / baseInvoke)));
            }
        }
        md.append(samples(byTarget));
        return md.toString();
    }

    private static Map<String, List<ColdStartBench.Run>> byTarget(List<ColdStartBench.Run> runs) {
        return runs.stream().collect(Collectors.groupingBy(r -> r.target().name(), LinkedHashMap::new, Collectors.toList()));
    }

    private static String baseline(Map<String, List<ColdStartBench.Run>> byTarget) {
        return byTarget.keySet().stream().filter(n -> n.startsWith("baseline")).findFirst().orElseThrow();
    }

    private static String machine(int rounds) {
        return String.format(Locale.ROOT, "Machine: %d CPUs available to the JVM, %s %s, %s; %d rounds, functions and baseline interleaved.%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), rounds);
    }

    private static String samples(Map<String, List<ColdStartBench.Run>> byTarget) {
        return "\nSamples per cell: " + byTarget.entrySet().stream().map(e -> e.getKey() + " "
                + e.getValue().stream().collect(Collectors.groupingBy(ColdStartBench.Run::mode, LinkedHashMap::new, Collectors.counting())))
                .collect(Collectors.joining("; ")) + ".\nHarness JVM: " + ManagementFactory.getRuntimeMXBean().getVmVersion() + ".\n";
    }

    private static double stat(List<ColdStartBench.Run> runs, String mode, String key, Function<Stats, Double> f) {
        var values = runs.stream().filter(r -> r.mode().equals(mode))
                .map(r -> key.equals("invoke") ? r.get("decode") + r.get("handle") : r.get(key)).toList();
        return values.isEmpty() ? Double.NaN : f.apply(Stats.of(values));
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f×", v);
    }
}
