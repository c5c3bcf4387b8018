package org.chaperone.gateway.routing;

import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.time.Duration;

/** A service behind the gateway: where it is, how long it may take, and its circuit. */
public final class UpstreamService {

    private final String name;
    private final URI url;
    private final SocketAddress address;
    private final Duration timeout;
    private final String openapiPath;
    private final CircuitBreaker breaker;
    private final RequestOptions requestOptions;

    public UpstreamService(String name, URI url, Duration timeout, String openapiPath, CircuitBreaker breaker) {
        if (!"http".equals(url.getScheme())) {
            // Inside the cluster the services speak plain HTTP; TLS ends at the ingress.
            throw new IllegalArgumentException("service " + name + ": only http:// URLs are supported, got " + url);
        }
        this.name = name;
        this.url = url;
        this.address = SocketAddress.inetSocketAddress(url.getPort() == -1 ? 80 : url.getPort(), url.getHost());
        this.timeout = timeout;
        this.openapiPath = openapiPath;
        this.breaker = breaker;
        // Built once and never changed: every request to this service reuses it.
        this.requestOptions = new RequestOptions()
                .setServer(address)
                .setHost(url.getHost())
                .setPort(address.port());
    }

    /** Where a request to this service goes; the proxy sets method, URI and headers on the request itself. */
    public RequestOptions requestOptions() {
        return requestOptions;
    }

    public String name() {
        return name;
    }

    public URI url() {
        return url;
    }

    public SocketAddress address() {
        return address;
    }

    public Duration timeout() {
        return timeout;
    }

    public String openapiPath() {
        return openapiPath;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }
}
