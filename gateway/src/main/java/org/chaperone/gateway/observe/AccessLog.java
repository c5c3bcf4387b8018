package org.chaperone.gateway.observe;

import io.vertx.core.json.JsonObject;
import org.jboss.logging.Logger;

/**
 * One structured line per API request: request id, trace id, caller subject, method, path (no query string: it
 * may carry search terms), route, service, status, latency, response bytes. Never a token, never a body.
 */
public final class AccessLog {

    public static final String CATEGORY = "org.chaperone.gateway.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private AccessLog() {
    }

    public static void record(String requestId, String traceId, String subject, String method, String path,
            String route, String service, int status, double latencyMillis, long bytesSent, String client) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        JsonObject line = new JsonObject()
                .put("requestId", requestId)
                .put("traceId", traceId)
                .put("subject", subject)
                .put("method", method)
                .put("path", path)
                .put("route", route)
                .put("service", service)
                .put("status", status)
                .put("latencyMs", Math.round(latencyMillis * 100) / 100.0)
                .put("bytes", bytesSent)
                .put("client", client);
        LOG.info(line.encode());
    }
}
