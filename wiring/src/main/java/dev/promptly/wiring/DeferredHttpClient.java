package dev.promptly.wiring;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A JDK {@link HttpClient} built from its builder when first used. Building the first one in a JVM
 * starts its selector thread and loads the TLS engine (about 320 classes, 50–200 ms of a cold start);
 * the Slack, WhatsApp, helpdesk and Admin API adapters each build one in their constructors, though most
 * invocations of the functions holding them never call those APIs. SnapStart builds it before the
 * snapshot: each client registers itself with CRaC, so Lambda calls {@link #beforeCheckpoint} besides the
 * handler's own hook, and a restored snapshot holds the client built as before. (Without a CRaC runtime,
 * locally and in tests, the registration does nothing.) Thread-safe.
 */
final class DeferredHttpClient extends HttpClient implements Resource {
    private final HttpClient.Builder builder;
    private volatile HttpClient client;

    private DeferredHttpClient(HttpClient.Builder builder) {
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    /**
     * A client built from {@code builder} on first use, registered for SnapStart's priming. CRaC holds
     * resources weakly: the adapter holding the client keeps it registered as long as it lives.
     */
    static DeferredHttpClient of(HttpClient.Builder builder) {
        var deferred = new DeferredHttpClient(builder);
        Core.getGlobalContext().register(deferred);
        return deferred;
    }

    /** The client, built now if it was not yet. */
    HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = builder.build();
                    client = built;
                }
            }
        }
        return built;
    }

    boolean built() {
        return client != null;
    }

    /** SnapStart priming: the snapshot holds the client built, its selector thread started. */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        client();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return client().cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return client().connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return client().followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return client().proxy();
    }

    @Override
    public SSLContext sslContext() {
        return client().sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return client().sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return client().authenticator();
    }

    @Override
    public Version version() {
        return client().version();
    }

    @Override
    public Optional<Executor> executor() {
        return client().executor();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        return client().send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return client().sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return client().sendAsync(request, handler, pushPromiseHandler);
    }

    @Override
    public java.net.http.WebSocket.Builder newWebSocketBuilder() {
        return client().newWebSocketBuilder();
    }
}
