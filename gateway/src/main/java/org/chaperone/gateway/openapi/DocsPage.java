package org.chaperone.gateway.openapi;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The API documentation page: the merged document rendered on the server as plain HTML, with no script at all,
 * so its Content-Security-Policy can forbid everything but its own inline style (allowed by hash).
 */
public final class DocsPage {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;"
            + "padding:0 1rem}code{font-size:.95em}td{padding:.2rem .6rem;vertical-align:top}"
            + ".m{font-weight:bold;text-transform:uppercase}";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'sha256-" + sha256(STYLE)
            + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private DocsPage() {
    }

    public static String render(JsonObject document) {
        StringBuilder html = new StringBuilder(8192);
        JsonObject info = document.getJsonObject("info", new JsonObject());
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(info.getString("title", "API"))).append("</title><style>").append(STYLE)
                .append("</style></head><body><h1>").append(escape(info.getString("title", "API"))).append(' ')
                .append(escape(info.getString("version", ""))).append("</h1><p>")
                .append(escape(info.getString("description", "")))
                .append("</p><p>The machine-readable document: <a href=\"/api/openapi\">/api/openapi</a>.</p>")
                .append("<table><thead><tr><th>method</th><th>path</th><th>summary</th></tr></thead><tbody>");
        JsonObject paths = document.getJsonObject("paths", new JsonObject());
        for (String path : paths.fieldNames()) {
            JsonObject operations = paths.getJsonObject(path);
            for (String method : operations.fieldNames()) {
                if (!METHODS.contains(method) || !(operations.getValue(method) instanceof JsonObject operation)) {
                    continue;
                }
                html.append("<tr><td class=\"m\">").append(escape(method)).append("</td><td><code>")
                        .append(escape(path)).append("</code></td><td>")
                        .append(escape(operation.getString("summary", operation.getString("description", ""))))
                        .append("</td></tr>");
            }
        }
        html.append("</tbody></table>");
        List<?> missing = document.getJsonArray(OpenApiMerger.MISSING_ROUTES).getList();
        if (!missing.isEmpty()) {
            html.append("<p>Routes without a document yet: ").append(escape(String.join(", ",
                    missing.stream().map(String::valueOf).toList()))).append("</p>");
        }
        return html.append("</body></html>").toString();
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
