package dev.promptly.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark commands (docs/performance.md gives each with its results):
 * <pre>
 *   java -jar bench/target/promptly-bench.jar cold [--runs 10] [--runtime ric|launcher] [--modes plain,appcds] [--only shopify-webhook,...]
 *   java -jar bench/target/promptly-bench.jar warm [--events 400]
 *   java -jar bench/target/promptly-bench.jar adversarial [--warmup 10] [--runs 5] [--only html,references,...]
 * </pre>
 * Run from the repository root after {@code mvn -q -B -DskipTests package}. Each prints Markdown tables
 * to standard output and writes them to {@code bench/target/}. Progress goes to standard error.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            return;
        }
        Path repo = Path.of(option(args, "--repo", ".")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(repo.resolve("template.yaml"))) {
            throw new IllegalArgumentException(repo + " is not the repository root (no template.yaml); run from there or pass --repo");
        }
        String report;
        switch (args[0]) {
            case "cold" -> {
                int runs = Integer.parseInt(option(args, "--runs", "10"));
                var runtime = ColdStartBench.ChildRuntime.of(option(args, "--runtime", "ric"));
                List<String> modes = list(option(args, "--modes", runtime.defaultModes()));
                var bench = new ColdStartBench(repo, runs, modes, list(option(args, "--only", "")), runtime);
                report = runtime == ColdStartBench.ChildRuntime.RIC ? ColdStartReport.runtimeClientMarkdown(bench.run(), runs, modes)
                        : ColdStartReport.markdown(bench.run(), runs, modes);
                Files.writeString(repo.resolve("bench/target/cold-start.md"), report);
            }
            case "warm" -> {
                int events = Integer.parseInt(option(args, "--events", "400"));
                report = new WarmBench(repo, events).run();
                Files.writeString(repo.resolve("bench/target/warm.md"), report);
            }
            case "adversarial" -> {
                int warmup = Integer.parseInt(option(args, "--warmup", "10"));
                int runs = Integer.parseInt(option(args, "--runs", "5"));
                report = new AdversarialBench(repo, warmup, runs, list(option(args, "--only", ""))).run();
                Files.writeString(repo.resolve("bench/target/adversarial.md"), report);
            }
            default -> {
                usage();
                return;
            }
        }
        System.out.println(report);
        System.exit(0);
    }

    private static void usage() {
        System.err.println("usage: java -jar bench/target/promptly-bench.jar cold [--runs N] [--runtime ric|launcher] [--modes plain,appcds]"
                + " [--only name,...]   (--modes primed needs --runtime launcher)");
        System.err.println("       java -jar bench/target/promptly-bench.jar warm [--events N]");
        System.err.println("       java -jar bench/target/promptly-bench.jar adversarial [--warmup N] [--runs N] [--only word,...]");
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static List<String> list(String value) {
        return value.isBlank() ? List.of() : new ArrayList<>(Arrays.stream(value.split(",")).map(String::trim).toList());
    }
}
