package io.regalia.ingest.cmdb;

import io.regalia.core.report.BadInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how to read ServiceNow.
 *
 * @param instance   the instance's base address, e.g. {@code https://acme.service-now.com}
 * @param itemTables the {@code cmdb_ci} tables whose items are matched to assets
 * @param pageSize   rows per request ({@code sysparm_limit})
 * @param timeout    for connecting and for each whole request
 */
public record ServiceNowSettings(URI instance, ServiceNowCredentials credentials, List<String> itemTables, int pageSize,
                                 Duration timeout, Retry retry) {
    public static final List<String> DEFAULT_ITEM_TABLES = List.of("cmdb_ci_server", "cmdb_ci_computer");
    public static final int DEFAULT_PAGE_SIZE = 1000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern TABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    /**
     * How rate limits (HTTP 429) and transient failures (5xx, timeouts, dropped connections) are retried:
     * up to {@code attempts} tries in all, waiting {@code firstDelay} and doubling, or what
     * {@code Retry-After} asks; no wait is longer than {@code maxDelay}.
     */
    public record Retry(int attempts, Duration firstDelay, Duration maxDelay) {
        public static final Retry DEFAULT = new Retry(5, Duration.ofSeconds(1), Duration.ofSeconds(60));

        public Retry {
            if (attempts < 1) throw new BadInputException("--retries", "at least one attempt is needed, got " + attempts);
            Objects.requireNonNull(firstDelay, "firstDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
        }

        Duration backoff(int attempt) {
            Duration d = firstDelay.multipliedBy(1L << Math.min(20, attempt - 1));
            return cap(d);
        }

        Duration cap(Duration d) {
            if (d.isNegative()) return Duration.ZERO;
            return d.compareTo(maxDelay) > 0 ? maxDelay : d;
        }
    }

    public ServiceNowSettings {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(credentials, "credentials");
        itemTables = List.copyOf(itemTables);
        if (itemTables.isEmpty()) throw new BadInputException("--table", "name at least one table of configuration items");
        for (String t : itemTables) {
            if (!TABLE.matcher(t).matches()) throw new BadInputException("--table", "not a table name: '" + t + "'");
        }
        if (pageSize < 1 || pageSize > 10_000) throw new BadInputException("--page-size", "must be 1-10000, got " + pageSize);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) throw new BadInputException("--timeout", "must be positive");
        Objects.requireNonNull(retry, "retry");
    }

    /** Defaults for everything but where and who. */
    public static ServiceNowSettings of(String instanceUrl, ServiceNowCredentials credentials) {
        return new ServiceNowSettings(instance(instanceUrl), credentials, DEFAULT_ITEM_TABLES, DEFAULT_PAGE_SIZE,
                DEFAULT_TIMEOUT, Retry.DEFAULT);
    }

    public ServiceNowSettings withItemTables(List<String> tables) {
        return new ServiceNowSettings(instance, credentials, tables, pageSize, timeout, retry);
    }

    public ServiceNowSettings withPageSize(int size) {
        return new ServiceNowSettings(instance, credentials, itemTables, size, timeout, retry);
    }

    public ServiceNowSettings withTimeout(Duration t) {
        return new ServiceNowSettings(instance, credentials, itemTables, pageSize, t, retry);
    }

    public ServiceNowSettings withRetry(Retry r) {
        return new ServiceNowSettings(instance, credentials, itemTables, pageSize, timeout, r);
    }

    /** The base address, checked: http(s), a host, no credentials, query or fragment; no trailing slash. */
    static URI instance(String url) {
        if (url == null || url.isBlank()) throw new BadInputException("--servicenow", "give the instance URL, e.g. https://acme.service-now.com");
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new BadInputException("--servicenow", "not a URL (" + e.getReason() + ")");
        }
        // the URL is not echoed: it may hold a password
        if (uri.getRawUserInfo() != null) {
            throw new BadInputException("--servicenow", "the URL must not carry credentials; use --user with --password-file or --token-file");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) throw new BadInputException("--servicenow", "the URL must start with https://");
        if (uri.getHost() == null) throw new BadInputException("--servicenow", "the URL has no host");
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new BadInputException("--servicenow", "give the instance's base address, without query or fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }
}
