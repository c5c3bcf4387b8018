package org.chaperone.gateway.routing;

import java.time.Duration;

/** One public path prefix and the service behind it, with the time the service has to answer. */
public record Route(String prefix, UpstreamService service, Duration timeout) {

    /** True for the prefix itself and paths below it, never for a longer segment ({@code /pupilsX}). */
    public boolean matches(String path) {
        if (!path.startsWith(prefix)) {
            return false;
        }
        return path.length() == prefix.length() || path.charAt(prefix.length()) == '/';
    }
}
