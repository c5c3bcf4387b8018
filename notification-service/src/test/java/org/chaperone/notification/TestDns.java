package org.chaperone.notification;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chaperone.notification.service.HostResolver;
import org.chaperone.notification.service.SystemHostResolver;

/**
 * The resolver of the test JVM: names a test gave an answer for ({@link #answer}) resolve to that, without any
 * network, which is how a test makes a public-looking name resolve to a private address (DNS rebinding); every
 * other name goes to the JVM's resolver as in production.
 */
@ApplicationScoped
public class TestDns implements HostResolver {

    private static final Map<String, List<InetAddress>> ANSWERS = new ConcurrentHashMap<>();
    private final SystemHostResolver system = new SystemHostResolver();

    /** From now on {@code name} resolves to {@code addresses} (IP literals). */
    public static void answer(String name, String... addresses) {
        List<InetAddress> resolved = Arrays.stream(addresses).map(TestDns::literal).toList();
        ANSWERS.put(name.toLowerCase(Locale.ROOT), resolved);
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        List<InetAddress> answer = ANSWERS.get(host.toLowerCase(Locale.ROOT));
        return answer != null ? answer : system.resolve(host);
    }

    private static InetAddress literal(String address) {
        try {
            // A literal: the JDK parses it and never asks DNS.
            return InetAddress.getByName(address.contains(":") ? "[" + address + "]" : address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
