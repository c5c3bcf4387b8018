package org.chaperone.notification.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.chaperone.notification.config.NotificationConfig;
import org.chaperone.notification.domain.DeliveryChannel.DeliveryFailedException;
import org.chaperone.notification.domain.DeliveryChannel.DeliveryRefusedException;
import org.chaperone.notification.domain.OutboundAddressRule;
import org.chaperone.runtime.problem.Violation;

/**
 * Applies the {@link OutboundAddressRule} to URLs that callers register (status webhooks, app webhooks), with the
 * operator's allowed ranges ({@code chaperone.notification.outbound.allowed-private-ranges}, read at start: a range
 * that is not valid CIDR stops the service from starting). At registration it judges the host as written; at send
 * time it resolves the host, judges every address, and hands back the one to connect to, so that the call goes to
 * the address that was checked and a second lookup (DNS rebinding) cannot move it. Refusals at send time are counted
 * in {@code notification_outbound_refused_total} by target.
 *
 * <p>Operator configuration (the SMS gateway's URL) is trusted and does not pass through here.
 */
@Startup
@ApplicationScoped
public class OutboundAddressGuard {

    @Inject
    NotificationConfig config;
    @Inject
    HostResolver resolver;
    @Inject
    MeterRegistry metrics;

    private OutboundAddressRule rule;

    @PostConstruct
    void init() {
        rule = OutboundAddressRule.allowing(config.outbound().allowedPrivateRanges().orElse(List.of()));
    }

    /** At registration: a violation of {@code field} when {@code url}'s host is refused; never asks DNS. */
    public Optional<Violation> check(String field, URI url) {
        return rule.refusalOfHost(url.getHost()).map(why -> new Violation(field, OutboundAddressRule.RULE,
                "Must reach a public address: " + why + " is refused for outbound calls"));
    }

    /**
     * At send time: every address {@code url}'s host resolves to now, checked; returns the one to connect to.
     *
     * @param target what is called, for the metric ({@code status-webhook}, {@code app-push})
     * @throws DeliveryRefusedException when any of them is refused (retrying would not help: the reason names the
     *     rule and the range, never the host)
     * @throws DeliveryFailedException when the name does not resolve now (retried: DNS may be back later)
     */
    public InetAddress resolve(URI url, String target) {
        String host = url.getHost();
        // The registration check first: a row written before the rule (or by hand) is judged as a new one would be.
        Optional<String> refused = rule.refusalOfHost(host);
        List<InetAddress> addresses = List.of();
        if (refused.isEmpty()) {
            try {
                addresses = resolver.resolve(host);
            } catch (UnknownHostException e) {
                throw new DeliveryFailedException("the host does not resolve (UnknownHostException)", null);
            }
            if (addresses.isEmpty()) {
                throw new DeliveryFailedException("the host does not resolve", null);
            }
            refused = addresses.stream().map(rule::refusal).flatMap(Optional::stream).findFirst()
                    .map(why -> "the host resolves to " + why);
        }
        if (refused.isPresent()) {
            metrics.counter("notification.outbound.refused", "target", target).increment();
            throw new DeliveryRefusedException("refused by rule " + OutboundAddressRule.RULE + ": " + refused.get());
        }
        return addresses.get(0);
    }
}
