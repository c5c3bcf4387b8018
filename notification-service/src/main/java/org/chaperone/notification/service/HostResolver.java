package org.chaperone.notification.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Names to addresses for outbound calls to registered URLs: the JVM's resolver ({@link SystemHostResolver}). A seam
 * of its own so that the addresses checked by {@link OutboundAddressGuard} are the ones connected to, and so that
 * tests can answer for names without a network.
 */
public interface HostResolver {

    /** Every address {@code host} (a name or an IP literal, IPv6 in brackets or not) stands for now. */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
