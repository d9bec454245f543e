package dev.promptly.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Lambda Runtime API on loopback, for one invocation: what the runtime interface client in a child JVM
 * talks to at {@code AWS_LAMBDA_RUNTIME_API}. The first {@code GET /2018-06-01/runtime/invocation/next}
 * gets the event with the headers Lambda sends; the answer comes back as {@code POST
 * /2018-06-01/runtime/invocation/{id}/response} (or {@code …/{id}/error}, or {@code /init/error} when the
 * handler cannot be built). A second {@code next} (the runtime asking for more work after its answer) is held
 * open until {@link #close()}, as Lambda freezes the sandbox there.
 *
 * <p>Contract from "Using the Lambda runtime API for custom runtimes",
 * https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html (API version 2018-06-01): {@code next}
 * answers 200 with the event as body and {@code Lambda-Runtime-Aws-Request-Id},
 * {@code Lambda-Runtime-Deadline-Ms} (Unix epoch milliseconds), {@code Lambda-Runtime-Invoked-Function-Arn},
 * {@code Lambda-Runtime-Trace-Id}; {@code response} and the two {@code error} paths answer 202 Accepted.
 *
 * <p>Instants are {@link System#nanoTime()} readings taken as the requests arrive, so the bench can put
 * them next to its own reading at the child's spawn.
 */
final class FakeLambdaRuntime implements AutoCloseable {
    static final String BASE = "/2018-06-01/runtime";

    /** What the runtime sent back: {@code response}, {@code error} or {@code init-error}, its body, and when. */
    record Outcome(String kind, byte[] body, long receivedNanos) {
        Outcome {
            Objects.requireNonNull(kind, "kind");
            body = body.clone();
        }

        boolean succeeded() {
            return kind.equals("response");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    private final byte[] event;
    private final String requestId;
    private final String functionArn;
    private final Duration timeout;
    private final Clock clock;
    private final HttpServer server;
    private final AtomicBoolean served = new AtomicBoolean();
    private final AtomicLong firstNextNanos = new AtomicLong(-1);
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    /**
     * @param event       the invocation's payload, served as is
     * @param requestId   the id the runtime must answer under
     * @param functionArn sent as the invoked function's ARN
     * @param timeout     the function's timeout: the deadline header is {@code clock}'s now plus this
     */
    FakeLambdaRuntime(byte[] event, String requestId, String functionArn, Duration timeout, Clock clock) throws IOException {
        this.event = event.clone();
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.functionArn = Objects.requireNonNull(functionArn, "functionArn");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        // One thread may sit in the held second `next`; the others serve the answer.
        server.setExecutor(Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "fake-lambda-runtime");
            t.setDaemon(true);
            return t;
        }));
        server.createContext(BASE + "/", this::answer);
        server.start();
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** When the runtime first asked for work, i.e. its initialisation ended; empty until then. */
    OptionalLong firstNextNanos() {
        long at = firstNextNanos.get();
        return at < 0 ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /** The runtime's answer, or empty if none came within {@code wait}. */
    java.util.Optional<Outcome> awaitOutcome(Duration wait) throws InterruptedException {
        try {
            return java.util.Optional.of(outcome.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return java.util.Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        long at = System.nanoTime();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath().substring(BASE.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("/invocation/next")) {
                next(exchange, at);
            } else if (method.equals("POST") && path.equals("/invocation/" + requestId + "/response")) {
                accept(exchange, new Outcome("response", body, at));
            } else if (method.equals("POST") && path.equals("/invocation/" + requestId + "/error")) {
                accept(exchange, new Outcome("error", body, at));
            } else if (method.equals("POST") && path.equals("/init/error")) {
                accept(exchange, new Outcome("init-error", body, at));
            } else {
                byte[] problem = ("{\"errorMessage\":\"unknown path or request id\",\"errorType\":\"InvalidRequestID\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(400, problem.length);
                exchange.getResponseBody().write(problem);
            }
        }
    }

    private void next(HttpExchange exchange, long at) throws IOException {
        if (!served.compareAndSet(false, true)) {
            // The runtime's next poll after its answer: Lambda would freeze it here; hold until the bench is done.
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        firstNextNanos.set(at);
        var headers = exchange.getResponseHeaders();
        headers.add("Content-Type", "application/json");
        headers.add("Lambda-Runtime-Aws-Request-Id", requestId);
        headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(clock.millis() + timeout.toMillis()));
        headers.add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        // The documented format (Root, Parent, Sampled); not sampled, so no tracing work is triggered.
        headers.add("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0");
        exchange.sendResponseHeaders(200, event.length);
        exchange.getResponseBody().write(event);
    }

    private void accept(HttpExchange exchange, Outcome received) throws IOException {
        exchange.sendResponseHeaders(202, -1);
        outcome.complete(received);
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
