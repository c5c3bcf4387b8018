package org.chaperone.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The fixed ports of the local stack: checked free before anything starts, then waited on. */
public final class Ports {

    private Ports() {
    }

    /** The ports of {@code wanted} (port to what needs it) that something else already holds. */
    public static Map<Integer, String> taken(Map<Integer, String> wanted) {
        Map<Integer, String> taken = new LinkedHashMap<>();
        wanted.forEach((port, user) -> {
            if (!isFree(port)) {
                taken.put(port, user);
            }
        });
        return taken;
    }

    /** Free when nothing answers on localhost and the port can be bound on every address. */
    public static boolean isFree(int port) {
        if (accepts(port, 200)) {
            return false;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean accepts(int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until localhost:{@code port} accepts connections; gives up early once {@code stillStarting} turns
     * false (the process died).
     */
    public static boolean awaitAccepting(int port, Duration timeout, BooleanSupplier stillStarting)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (accepts(port, 500)) {
                return true;
            }
            if (!stillStarting.getAsBoolean()) {
                return false;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
