package io.regalia.ingest.cmdb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A small ServiceNow over real HTTP for tests: the Table API's {@code {"result": […]}} answers, paging by
 * {@code sysparm_limit}/{@code sysparm_offset} with {@code X-Total-Count}, {@code sysparm_fields},
 * reference fields in the forms {@code sysparm_display_value} asks for, HTTP Basic and bearer
 * authentication, and scripted faults (429 with {@code Retry-After}, 5xx, slow answers, odd bodies).
 */
public final class FakeServiceNow implements AutoCloseable {
    public static final String USER = "regalia-sync";
    public static final String PASSWORD = "pa55-W0rd-that-must-not-leak";
    public static final String TOKEN = "bearer-token-that-must-not-leak";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A reference field: the row it points to and that row's display value. */
    public record Ref(String table, String value, String display) {}

    /** What a client asked, as received. */
    public record Request(String table, Map<String, String> params, String authorization) {
        public long offset() { return Long.parseLong(params.getOrDefault("sysparm_offset", "0")); }
    }

    private static final class Fault {
        final String table;
        final long offset;
        final int status;
        final String retryAfter;
        final long delayMillis;
        final String body;
        int remaining;

        Fault(String table, long offset, int status, String retryAfter, long delayMillis, String body, int times) {
            this.table = table;
            this.offset = offset;
            this.status = status;
            this.retryAfter = retryAfter;
            this.delayMillis = delayMillis;
            this.body = body;
            this.remaining = times;
        }
    }

    private final HttpServer server;
    private final Map<String, List<Map<String, Object>>> tables = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private volatile boolean totalCount = true;
    private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-servicenow");
        t.setDaemon(true);
        return t;
    });

    private FakeServiceNow(HttpServer server) {
        this.server = server;
        for (String t : List.of("cmdb_ci_server", "cmdb_ci_computer", "cmdb_ci_business_app", "cmdb_rel_ci")) {
            tables.put(t, new CopyOnWriteArrayList<>());
        }
        server.createContext("/", this::handle);
        // threads of its own: a slow answer must not hold up the retry that follows it
        server.setExecutor(executor);
        server.start();
    }

    public static FakeServiceNow start() {
        try {
            return new FakeServiceNow(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static ServiceNowCredentials basic() { return ServiceNowCredentials.basic(USER, PASSWORD); }

    public static ServiceNowCredentials token() { return ServiceNowCredentials.bearer(TOKEN); }

    /** Settings for this instance with fast retries: three attempts, 5 ms apart, Retry-After capped at 5 s. */
    public ServiceNowSettings settings(ServiceNowCredentials credentials) {
        return ServiceNowSettings.of(url(), credentials).withPageSize(2).withTimeout(Duration.ofSeconds(5))
                .withRetry(new ServiceNowSettings.Retry(3, Duration.ofMillis(5), Duration.ofSeconds(5)));
    }

    public FakeServiceNow row(String table, Map<String, Object> fields) {
        tables.computeIfAbsent(table, t -> new CopyOnWriteArrayList<>()).add(new LinkedHashMap<>(fields));
        return this;
    }

    public FakeServiceNow server(String sysId, String name, String fqdn, String ip, String serial) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sys_id", sysId);
        row.put("name", name);
        row.put("fqdn", fqdn == null ? "" : fqdn);
        row.put("ip_address", ip == null ? "" : ip);
        row.put("serial_number", serial == null ? "" : serial);
        row.put("os", "Linux Red Hat");
        row.put("sys_class_name", "cmdb_ci_linux_server");
        return row("cmdb_ci_server", row);
    }

    public FakeServiceNow application(String sysId, String name, String criticality, String owner) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sys_id", sysId);
        row.put("name", name);
        row.put("busines_criticality", criticality == null ? "" : criticality);
        row.put("owned_by", owner == null ? "" : new Ref("sys_user", "u-" + owner.toLowerCase().replace(' ', '-'), owner));
        row.put("sys_class_name", "cmdb_ci_business_app");
        return row("cmdb_ci_business_app", row);
    }

    /** A relation from an application to a server; {@code plain} sends the references as bare sys_ids. */
    public FakeServiceNow relation(String sysId, String application, String server, boolean plain) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sys_id", sysId);
        row.put("parent", plain ? application : new Ref("cmdb_ci_business_app", application, application));
        row.put("child", plain ? server : new Ref("cmdb_ci_server", server, server));
        row.put("type", new Ref("cmdb_rel_type", "1a9cb166f1571100a92eb60da2bce5c5", "Depends on::Used by"));
        return row("cmdb_rel_ci", row);
    }

    public void remove(String table, Predicate<Map<String, Object>> which) {
        tables.get(table).removeIf(which);
    }

    /** Answers the page of {@code table} at {@code offset} with {@code status} the next {@code times} times. */
    public void fail(String table, long offset, int status, String retryAfter, int times) {
        faults.add(new Fault(table, offset, status, retryAfter, 0, null, times));
    }

    /** Answers with {@code status} and this body the next {@code times} times. */
    public void answer(String table, long offset, int status, String body, int times) {
        faults.add(new Fault(table, offset, status, null, 0, body, times));
    }

    /** Waits this long before answering the page, the next {@code times} times. */
    public void delay(String table, long offset, Duration delay, int times) {
        faults.add(new Fault(table, offset, 0, null, delay.toMillis(), null, times));
    }

    public void withoutTotalCount() {
        totalCount = false;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String table) {
        return requests.stream().filter(r -> r.table().equals(table)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith("/api/now/table/")) {
                send(exchange, 404, null, error("Invalid URL", path));
                return;
            }
            String table = path.substring("/api/now/table/".length());
            Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(table, params, auth));
            Fault fault = takeFault(table, params);
            if (fault != null && fault.delayMillis > 0) sleep(fault.delayMillis);
            if (!authorized(auth)) {
                send(exchange, 401, null, error("User Not Authenticated", "Required to provide Auth information"));
                return;
            }
            if (fault != null && fault.status != 0) {
                if (fault.retryAfter != null) exchange.getResponseHeaders().add("Retry-After", fault.retryAfter);
                // a careless proxy that echoes the request: the client must scrub it
                send(exchange, fault.status, null, fault.body != null ? fault.body
                        : error("Transaction cancelled", "request carried Authorization: " + auth));
                return;
            }
            List<Map<String, Object>> rows = tables.get(table);
            if (rows == null) {
                send(exchange, 400, null, error("Invalid table " + table, null));
                return;
            }
            page(exchange, table, rows, params);
        }
    }

    private void page(HttpExchange exchange, String table, List<Map<String, Object>> all, Map<String, String> params) throws IOException {
        String query = params.getOrDefault("sysparm_query", "");
        List<Map<String, Object>> rows = new ArrayList<>(all);
        if (table.equals("cmdb_rel_ci") && query.contains("parent.sys_class_name=cmdb_ci_business_app")) {
            rows.removeIf(r -> !isApplication(r.get("parent")) && !isApplication(r.get("child")));
        }
        if (query.contains("ORDERBYsys_id")) rows.sort(Comparator.comparing(r -> (String) r.get("sys_id")));
        int limit = Integer.parseInt(params.getOrDefault("sysparm_limit", "10000"));
        int offset = Integer.parseInt(params.getOrDefault("sysparm_offset", "0"));
        String display = params.getOrDefault("sysparm_display_value", "false");
        List<String> fields = params.containsKey("sysparm_fields") ? List.of(params.get("sysparm_fields").split(",")) : null;
        List<Map<String, Object>> result = new ArrayList<>();
        for (Map<String, Object> row : rows.subList(Math.min(offset, rows.size()), Math.min(offset + limit, rows.size()))) {
            Map<String, Object> out = new LinkedHashMap<>();
            row.forEach((k, v) -> {
                if (fields == null || fields.contains(k)) out.put(k, render(v, display));
            });
            result.add(out);
        }
        send(exchange, 200, totalCount ? String.valueOf(rows.size()) : null, JSON.writeValueAsString(Map.of("result", result)));
    }

    private boolean isApplication(Object ref) {
        String id = ref instanceof Ref r ? r.value() : (String) ref;
        return tables.get("cmdb_ci_business_app").stream().anyMatch(a -> id.equals(a.get("sys_id")));
    }

    private Object render(Object value, String display) {
        if (!(value instanceof Ref ref)) return value;
        String link = url() + "/api/now/table/" + ref.table() + "/" + ref.value();
        Map<String, Object> out = new LinkedHashMap<>();
        switch (display) {
            case "true" -> { out.put("display_value", ref.display()); out.put("link", link); }
            case "all" -> { out.put("display_value", ref.display()); out.put("link", link); out.put("value", ref.value()); }
            default -> { out.put("link", link); out.put("value", ref.value()); }
        }
        return out;
    }

    private synchronized Fault takeFault(String table, Map<String, String> params) {
        long offset = Long.parseLong(params.getOrDefault("sysparm_offset", "0"));
        for (Fault f : faults) {
            if (f.table.equals(table) && f.offset == offset && f.remaining != 0) {
                if (f.remaining > 0) f.remaining--;
                return f;
            }
        }
        return null;
    }

    private static boolean authorized(String header) {
        if (header == null) return false;
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return header.equals(basic) || header.equals("Bearer " + TOKEN);
    }

    private static String error(String message, String detail) {
        try {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", message);
            error.put("detail", detail);
            return JSON.writeValueAsString(Map.of("error", error, "status", "failure"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String total, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", body.startsWith("{") ? "application/json" : "text/html");
        if (total != null) exchange.getResponseHeaders().add("X-Total-Count", total);
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException gone) {
            // the client gave up waiting (timeout tests)
        }
    }

    private static Map<String, String> params(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null) return params;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
