package io.regalia.app.cli;

import io.regalia.core.report.BadInputException;
import io.regalia.ingest.cmdb.ServiceNowCredentials;
import io.regalia.ingest.cmdb.ServiceNowSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where ServiceNow is and how to sign in; secrets only from files or the environment, never from arguments. */
final class ServiceNowOptions {
    @Option(names = "--servicenow", paramLabel = "URL", defaultValue = "${env:REGALIA_SERVICENOW_URL}",
            description = "ServiceNow instance, e.g. https://acme.service-now.com (env REGALIA_SERVICENOW_URL).")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "ServiceNow user for HTTP Basic (env REGALIA_SERVICENOW_USER).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the user's password (else env REGALIA_SERVICENOW_PASSWORD).")
    Path passwordFile;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding an OAuth bearer token instead (else env REGALIA_SERVICENOW_TOKEN).")
    Path tokenFile;

    @Option(names = "--table", paramLabel = "TABLE", split = ",",
            description = "cmdb_ci tables of servers and computers to match (default cmdb_ci_server,cmdb_ci_computer).")
    List<String> tables;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "1000", description = "Rows per request (default ${DEFAULT-VALUE}).")
    int pageSize;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "For connecting and for each request (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--attempts", paramLabel = "N", defaultValue = "5",
            description = "Tries per request on rate limits (429) and transient failures (default ${DEFAULT-VALUE}).")
    int attempts;

    @Option(names = "--retry-delay", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "First wait before a retry, doubled each time (default ${DEFAULT-VALUE}).")
    Duration retryDelay;

    @Option(names = "--max-retry-delay", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "Longest wait before a retry, Retry-After included (default ${DEFAULT-VALUE}).")
    Duration maxRetryDelay;

    boolean given() {
        return url != null && !url.isBlank();
    }

    ServiceNowSettings settings(Map<String, String> env) {
        if (!given()) throw new BadInputException("--servicenow", "give the instance URL (or set REGALIA_SERVICENOW_URL)");
        ServiceNowCredentials credentials = ServiceNowCredentials.resolve(user, passwordFile, tokenFile, env);
        ServiceNowSettings settings = ServiceNowSettings.of(url, credentials).withPageSize(pageSize).withTimeout(timeout)
                .withRetry(new ServiceNowSettings.Retry(attempts, retryDelay, maxRetryDelay));
        return tables == null || tables.isEmpty() ? settings : settings.withItemTables(tables);
    }

    /** What a sync from here is recorded as. */
    static String source(ServiceNowSettings settings) {
        return "ServiceNow " + settings.instance();
    }
}
