package dev.promptly.bench.launcher;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stands in for the Lambda runtime in a fresh JVM: loads the handler class (static initialisation),
 * calls its public no-argument constructor (what Lambda's init phase does), optionally primes it the way
 * SnapStart does before a snapshot ({@code beforeCheckpoint}), then decodes one event and invokes the
 * handler once. It writes the wall-clock instants of those steps to a result file, and only after the
 * first return does it touch {@code java.lang.management} (for the JVM start time and the class count),
 * so the measurement does not pay for it.
 *
 * <p>Arguments: {@code <handler class> <event file> <http|stream> <plain|primed> <result file>}. Kind
 * {@code http} decodes the event into an {@code APIGatewayV2HTTPEvent} as the runtime does for a
 * {@code RequestHandler} of that type; {@code stream} passes the bytes to a {@code RequestStreamHandler}.
 * The Lambda context is {@code null}: none of our handlers needs it for one invocation.
 */
public final class ColdStartLauncher {
    private ColdStartLauncher() {
    }

    public static void main(String[] args) throws Exception {
        long mainMillis = System.currentTimeMillis();
        long mainNanos = System.nanoTime();
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: ColdStartLauncher <handler class> <event file> <http|stream> <plain|primed> <result file>");
        }
        String handlerClass = args[0];
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        boolean http = "http".equals(args[2]);
        boolean primed = "primed".equals(args[3]);

        long beforeLoad = System.nanoTime();
        Class<?> type = Class.forName(handlerClass, true, ColdStartLauncher.class.getClassLoader());
        long loaded = System.nanoTime();
        Object handler = type.getConstructor().newInstance();
        long constructed = System.nanoTime();
        long primedAt = constructed;
        if (primed) {
            SnapStartPriming.beforeCheckpoint(handler);
            primedAt = System.nanoTime();
        }
        String response;
        long decoded;
        if (http) {
            Object decodedEvent = HttpEvents.decode(event);
            decoded = System.nanoTime();
            response = HttpEvents.invoke(handler, decodedEvent);
        } else {
            decoded = System.nanoTime();
            var out = new ByteArrayOutputStream();
            ((RequestStreamHandler) handler).handleRequest(new ByteArrayInputStream(event), out, null);
            response = out.toString(StandardCharsets.UTF_8);
        }
        long returned = System.nanoTime();
        long returnedMillis = System.currentTimeMillis();

        // Only now: java.lang.management loads a few hundred classes of its own (counted in every row alike).
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        String result = String.join("\n",
                "jvmStartMillis=" + jvmStart,
                "mainMillis=" + mainMillis,
                "returnedMillis=" + returnedMillis,
                "startToMainNanos=" + ((beforeLoad - mainNanos)),
                "classInitNanos=" + (loaded - beforeLoad),
                "constructorNanos=" + (constructed - loaded),
                "primingNanos=" + (primedAt - constructed),
                "decodeNanos=" + (decoded - primedAt),
                "handleNanos=" + (returned - decoded),
                "classesLoaded=" + classes,
                "response=" + oneLine(response)) + "\n";
        Files.writeString(Path.of(args[4]), result);
        System.out.flush();
        // Like a Lambda container after its answer, nothing more matters; do not wait for client threads.
        Runtime.getRuntime().halt(0);
    }

    private static String oneLine(String text) {
        String flat = text.replace('\n', ' ').replace('\r', ' ');
        return flat.length() > 300 ? flat.substring(0, 300) : flat;
    }
}
