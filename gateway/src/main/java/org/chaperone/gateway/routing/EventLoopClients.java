package org.chaperone.gateway.routing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.impl.VertxInternal;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One HTTP client (and so one connection pool per service) for each event loop that asks, used only from that loop.
 *
 * <p>A single shared client hands a connection opened on one event loop to a request that arrived on another; every
 * step of that exchange (open the stream, write the head, deliver the answer) is then passed between the two
 * threads as a task, with a wake-up of the other loop each time. With a client per loop, a request that arrives on
 * a loop is sent and answered on connections of that same loop, with no hand-over at all, as a thread-per-core
 * proxy such as nginx does. The configured connection limit is shared out: each loop's pool gets its part.
 */
public final class EventLoopClients {

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final ConcurrentHashMap<Thread, HttpClient> byLoop = new ConcurrentHashMap<>();

    /** {@code maxConnections} per service across all loops (each loop's pool gets its share, at least one). */
    public EventLoopClients(Vertx vertx, HttpClientOptions options, int maxConnections) {
        this.vertx = vertx;
        int loops = 0;
        for (var ignored : ((VertxInternal) vertx).getEventLoopGroup()) {
            loops++;
        }
        loops = Math.max(1, loops);
        this.options = new HttpClientOptions(options).setMaxPoolSize(Math.max(1, (maxConnections + loops - 1) / loops));
    }

    /** The client of the calling thread (an event loop): created on first use, then only looked up. */
    public HttpClient current() {
        Thread thread = Thread.currentThread();
        HttpClient client = byLoop.get(thread);
        if (client == null) {
            client = byLoop.computeIfAbsent(thread, loop -> vertx.createHttpClient(options));
        }
        return client;
    }

    /** Connections per service in each loop's pool. */
    public int poolSizePerLoop() {
        return options.getMaxPoolSize();
    }

    public void close() {
        byLoop.values().forEach(HttpClient::close);
        byLoop.clear();
    }
}
