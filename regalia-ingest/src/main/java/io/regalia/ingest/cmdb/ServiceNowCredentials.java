package io.regalia.ingest.cmdb;

import io.regalia.core.report.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * How Regalia authenticates to ServiceNow: HTTP Basic or an OAuth bearer token. The secret is only ever
 * put in the Authorization header; {@link #toString()} and every message name the kind and the user, never
 * the secret, and {@link #redact} scrubs it from text an instance sends back.
 */
public final class ServiceNowCredentials {
    public static final String ENV_USER = "REGALIA_SERVICENOW_USER";
    public static final String ENV_PASSWORD = "REGALIA_SERVICENOW_PASSWORD";
    public static final String ENV_TOKEN = "REGALIA_SERVICENOW_TOKEN";

    private final String description;
    private final String header;
    private final List<String> secrets;

    private ServiceNowCredentials(String description, String header, List<String> secrets) {
        this.description = description;
        this.header = header;
        this.secrets = secrets;
    }

    public static ServiceNowCredentials basic(String user, String password) {
        if (user == null || user.isBlank()) throw new BadInputException("--user", "a ServiceNow user name is needed for a password");
        if (user.contains(":")) throw new BadInputException("--user", "a user name for HTTP Basic cannot contain ':'");
        if (password == null || password.isEmpty()) throw new BadInputException("password", "the ServiceNow password is empty");
        String encoded = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new ServiceNowCredentials("HTTP Basic as user '" + user + "'", "Basic " + encoded, List.of(password, encoded));
    }

    public static ServiceNowCredentials bearer(String token) {
        if (token == null || token.isEmpty()) throw new BadInputException("token", "the ServiceNow token is empty");
        return new ServiceNowCredentials("an OAuth bearer token", "Bearer " + token, List.of(token));
    }

    /**
     * Credentials from the command line's choices, else the environment: {@code --token-file}, else
     * {@code --password-file} (with {@code --user} or {@value #ENV_USER}), else {@code --user} with
     * {@value #ENV_PASSWORD}, else {@value #ENV_TOKEN}, else {@value #ENV_USER} with {@value #ENV_PASSWORD}.
     */
    public static ServiceNowCredentials resolve(String user, Path passwordFile, Path tokenFile, Map<String, String> env) {
        if (passwordFile != null && tokenFile != null) {
            throw new BadInputException("--token-file", "give either --password-file or --token-file, not both");
        }
        String envUser = blankToNull(env.get(ENV_USER));
        if (tokenFile != null) return bearer(secret(tokenFile));
        if (passwordFile != null) {
            String name = user != null ? user : envUser;
            if (name == null) throw new BadInputException("--password-file", "a password needs --user (or " + ENV_USER + ")");
            return basic(name, secret(passwordFile));
        }
        String envPassword = blankToNull(env.get(ENV_PASSWORD));
        if (user != null) {
            if (envPassword == null) throw new BadInputException("--user", "give --password-file (or set " + ENV_PASSWORD + ")");
            return basic(user, envPassword);
        }
        String envToken = blankToNull(env.get(ENV_TOKEN));
        if (envToken != null) return bearer(envToken);
        if (envUser != null && envPassword != null) return basic(envUser, envPassword);
        throw new BadInputException("--servicenow", "no ServiceNow credentials: give --user with --password-file, or "
                + "--token-file, or set " + ENV_USER + " and " + ENV_PASSWORD + ", or " + ENV_TOKEN);
    }

    /** The first line of a secret file, without surrounding blanks. */
    static String secret(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot read the secret file (" + e.getClass().getSimpleName() + ")");
        }
        String line = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(null);
        if (line == null) throw new BadInputException(file.toString(), "the secret file is empty");
        return line;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    String header() {
        return header;
    }

    /** The text with any occurrence of the secret replaced. */
    String redact(String text) {
        if (text == null) return null;
        String out = text;
        for (String s : secrets) out = out.replace(s, "***");
        return out;
    }

    @Override
    public String toString() {
        return description;
    }
}
