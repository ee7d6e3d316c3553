package io.regalia.ingest.cmdb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regalia.ingest.json.JsonText;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads whole tables through the Table API: page by page with {@code sysparm_limit} and
 * {@code sysparm_offset} until a short page or the {@code X-Total-Count}; each page retried on rate limits
 * and transient failures.
 */
final class TableApi {
    private static final Logger LOG = LoggerFactory.getLogger(TableApi.class);
    private static final ObjectMapper JSON = JsonText.mapper(new JsonFactory());
    private static final int MAX_DETAIL = 200;

    private final ServiceNowSettings settings;
    private final HttpClient http;

    TableApi(ServiceNowSettings settings) {
        this.settings = settings;
        // Redirects are not followed: the Authorization header must go nowhere but the instance.
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Every row of the table matching the encoded query, in the order served. */
    List<JsonNode> readAll(String table, String fields, String query, boolean displayValues) {
        List<JsonNode> rows = new ArrayList<>();
        int limit = settings.pageSize();
        long offset = 0;
        while (true) {
            Page page = page(table, fields, query, displayValues, offset);
            rows.addAll(page.rows());
            offset += page.rows().size();
            if (page.rows().size() < limit) break;
            if (page.total().isPresent() && offset >= page.total().getAsLong()) break;
        }
        return rows;
    }

    private record Page(List<JsonNode> rows, OptionalLong total) {}

    /** A failure worth another attempt, and how long to wait first when the server said. */
    private record Transient(String reason, Duration retryAfter) {}

    private Page page(String table, String fields, String query, boolean displayValues, long offset) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("sysparm_query", query);
        params.put("sysparm_fields", fields);
        params.put("sysparm_limit", String.valueOf(settings.pageSize()));
        params.put("sysparm_offset", String.valueOf(offset));
        params.put("sysparm_display_value", String.valueOf(displayValues));
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        URI uri = URI.create(settings.instance() + "/api/now/table/" + table + q);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET()
                .header("Accept", "application/json").header("Authorization", settings.credentials().header()).build();
        String where = "ServiceNow " + table + " (offset " + offset + ")";
        ServiceNowSettings.Retry retry = settings.retry();
        for (int attempt = 1; ; attempt++) {
            Transient failure;
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status == 200) return parse(response, where);
                if (status == 429 || status >= 500) {
                    failure = new Transient("HTTP " + status + detail(response.body()), retryAfter(response));
                } else {
                    throw new ServiceNowException(where, refusal(status, response));
                }
            } catch (HttpTimeoutException e) {
                failure = new Transient("no answer within " + settings.timeout().toMillis() + " ms", null);
            } catch (IOException e) {
                failure = new Transient("connection failed (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceNowException(where, "interrupted");
            }
            String reason = settings.credentials().redact(failure.reason());
            if (attempt >= retry.attempts()) {
                throw new ServiceNowException(where, reason + (attempt > 1 ? ", still after " + attempt + " attempts" : ""));
            }
            Duration wait = failure.retryAfter() != null ? retry.cap(failure.retryAfter()) : retry.backoff(attempt);
            LOG.warn("{}: {}; attempt {} of {}, retrying in {} ms", where, reason, attempt, retry.attempts(), wait.toMillis());
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceNowException(where, "interrupted while waiting to retry after " + reason);
            }
        }
    }

    private Page parse(HttpResponse<byte[]> response, String where) {
        JsonNode doc;
        try {
            doc = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            String type = response.headers().firstValue("Content-Type").orElse("none");
            throw new ServiceNowException(where, "the answer is not JSON (content type " + type
                    + "); is the URL the instance's base address?");
        } catch (IOException e) {
            throw new ServiceNowException(where, "the answer cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        JsonNode result = doc == null ? null : doc.get("result");
        if (result == null || !result.isArray()) throw new ServiceNowException(where, "the answer has no \"result\" array");
        List<JsonNode> rows = new ArrayList<>(result.size());
        for (int i = 0; i < result.size(); i++) {
            if (!result.get(i).isObject()) throw new ServiceNowException(where + " result[" + i + "]", "expected an object");
            rows.add(result.get(i));
        }
        OptionalLong total = OptionalLong.empty();
        String header = response.headers().firstValue("X-Total-Count").orElse(null);
        if (header != null) {
            try {
                total = OptionalLong.of(Long.parseLong(header.strip()));
            } catch (NumberFormatException e) {
                LOG.warn("{}: ignoring X-Total-Count '{}', not a number", where, header);
            }
        }
        return new Page(rows, total);
    }

    private String refusal(int status, HttpResponse<byte[]> response) {
        String detail = settings.credentials().redact(detail(response.body()));
        return switch (status) {
            case 401 -> "ServiceNow refused the credentials (" + settings.credentials() + "): HTTP 401" + detail;
            case 403 -> "the ServiceNow user may not read this table (HTTP 403" + detail + "); grant it a CMDB read role";
            case 404 -> "no such table or instance (HTTP 404" + detail + ")";
            default -> {
                if (status >= 300 && status < 400) {
                    yield "HTTP " + status + " redirect to " + response.headers().firstValue("Location").orElse("nowhere")
                            + "; give the instance's base address";
                }
                yield "HTTP " + status + detail;
            }
        };
    }

    /** ServiceNow's own error text ({@code {"error": {"message", "detail"}}}), shortened; empty when none. */
    private static String detail(byte[] body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            String message = error.path("message").asText("");
            String detail = error.path("detail").asText("");
            String text = (message + (detail.isEmpty() || detail.equals(message) ? "" : " - " + detail)).strip();
            if (text.isEmpty()) return "";
            return ": " + (text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    private static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").map(String::strip).orElse(null);
        if (value == null || value.isEmpty()) return null;
        try {
            return Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException e) {
            try {
                return Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
