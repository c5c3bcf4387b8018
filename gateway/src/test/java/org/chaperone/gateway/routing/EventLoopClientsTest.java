package org.chaperone.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.impl.HttpClientConnection;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A request is sent on a connection of the event loop it was made on, whichever loop opened connections before. */
class EventLoopClientsTest {

    private Vertx vertx;
    private HttpServer server;
    private ContextInternal loopA;
    private ContextInternal loopB;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        server = vertx.createHttpServer().requestHandler(request -> request.response().end("ok"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        loopA = ((VertxInternal) vertx).createEventLoopContext();
        loopB = ((VertxInternal) vertx).createEventLoopContext();
        assertThat(loopB.nettyEventLoop()).as("two contexts on two loops").isNotSameAs(loopA.nettyEventLoop());
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void eachLoopSendsOnItsOwnConnections() throws Exception {
        EventLoopClients clients = new EventLoopClients(vertx, new HttpClientOptions(), 2);
        assertThat(clients.poolSizePerLoop()).isEqualTo(1);

        // Loop A opens the only connection of a shared pool first; loop B then asks.
        assertThat(callFrom(loopA, clients::current)).as("A's request on A's connection").isTrue();
        assertThat(callFrom(loopB, clients::current)).as("B's request on B's connection").isTrue();
        assertThat(callFrom(loopA, clients::current)).isTrue();
        clients.close();
    }

    @Test
    void aSharedClientWouldHandRequestsAcrossLoops() throws Exception {
        // The control: one client for all loops lends A's idle connection to B.
        HttpClient shared = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(1));
        assertThat(callFrom(loopA, () -> shared)).isTrue();
        assertThat(callFrom(loopB, () -> shared)).as("B's request on A's connection").isFalse();
    }

    @Test
    void theLimitIsSharedOutAndNeverBelowOne() {
        assertThat(new EventLoopClients(vertx, new HttpClientOptions(), 64).poolSizePerLoop()).isEqualTo(32);
        assertThat(new EventLoopClients(vertx, new HttpClientOptions(), 5).poolSizePerLoop()).isEqualTo(3);
        assertThat(new EventLoopClients(vertx, new HttpClientOptions(), 1).poolSizePerLoop()).isEqualTo(1);
    }

    /** Makes one request on the given loop; true when its connection belongs to that loop. */
    private boolean callFrom(ContextInternal loop, Supplier<HttpClient> client) throws Exception {
        CompletableFuture<Boolean> sameLoop = new CompletableFuture<>();
        loop.runOnContext(v -> client.get()
                .request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                        .setPort(server.actualPort()).setURI("/"))
                .compose(request -> {
                    boolean onThisLoop = ((HttpClientConnection) request.connection())
                            .channelHandlerContext().executor() == loop.nettyEventLoop();
                    return request.send().compose(response -> response.body()).map(body -> onThisLoop);
                })
                .onComplete(done -> {
                    if (done.succeeded()) {
                        sameLoop.complete(done.result());
                    } else {
                        sameLoop.completeExceptionally(done.cause());
                    }
                }));
        return sameLoop.get(10, TimeUnit.SECONDS);
    }
}
