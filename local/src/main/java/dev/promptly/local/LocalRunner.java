package dev.promptly.local;

import dev.promptly.config.ConfigException;
import dev.promptly.local.simulate.SimulateCommand;
import dev.promptly.local.validate.ValidateCommand;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local/target/promptly-local.jar [--port P] [--config FILE] [--data-dir DIR]} starts the
 * local system; {@code ... promptly-local.jar simulate --messages FILE.csv ...} replays messages instead
 * ({@link SimulateCommand}); {@code ... validate --config FILE} checks a configuration ({@link ValidateCommand}).
 */
public final class LocalRunner {
    private LocalRunner() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("simulate")) {
            System.exit(SimulateCommand.run(Arrays.asList(args).subList(1, args.length), System.out, System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("validate")) {
            System.exit(ValidateCommand.run(Arrays.asList(args).subList(1, args.length), System.out, System.err));
            return;
        }
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(LocalOptions.USAGE);
            return;
        }
        LocalOptions options;
        try {
            options = LocalOptions.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println("promptly-local: " + e.getMessage());
            System.err.print(LocalOptions.USAGE);
            System.exit(2);
            return;
        }
        LocalSystem system;
        try {
            system = LocalSystem.start(options);
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("promptly-local: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(system::close));
        String base = "http://127.0.0.1:" + system.port();
        if (options.demo()) {
            try {
                new DemoScenario(java.net.URI.create(base), system.firstShop(), System.out).play();
            } catch (IllegalArgumentException e) {
                System.err.println("promptly-local: " + e.getMessage());
                system.close();
                System.exit(2);
                return;
            }
        }
        System.out.println("Promptly is running. Dashboard: " + base + "/");
        System.out.println(system.shopifyAdminStatus());
        System.out.println("API: POST " + base + "/webhooks/shopify, POST " + base + "/messages, GET " + base + "/data-requests/{id}, POST "
                + base + "/conversations/{id}/events, GET " + base + "/reports/{shop}, GET|POST " + base + "/csat/{token}, POST " + base
                + "/helpdesks/{vendor}/{shop}, GET|POST " + base + "/whatsapp/{shop}; "
                + "local: POST /local/inbound-email, GET /local/outbox, GET /local/conversations?shop=S, POST /local/clock, "
                + "POST /local/jobs/{job}/run, POST /local/reset (docs/operations.md)");
        new CountDownLatch(1).await();
    }
}
