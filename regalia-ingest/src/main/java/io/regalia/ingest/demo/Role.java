package io.regalia.ingest.demo;

import java.util.List;

/**
 * What a server does: it decides the name prefix, the software groups installed (software.csv) and the
 * ports open. {@code code} is what the catalog's {@code role=} clause names. A group written "a|b" installs
 * one of the two; {@code optionalGroups} are each installed on about a third of the servers.
 */
enum Role {
    WIN_WEB("web", "web", true, 12, List.of("iis"), List.of("php"), new int[] {80, 443}),
    WIN_APP("app", "app", true, 16, List.of(), List.of("java", "javalib", "node"), new int[] {443, 8080}),
    WIN_SQL("db", "sql", true, 14, List.of("mssql"), List.of(), new int[] {1433}),
    WIN_FILE("file", "fs", true, 9, List.of(), List.of(), new int[] {445, 2049}),
    WIN_DC("dc", "dc", true, 5, List.of(), List.of(), new int[] {53, 88, 389, 464, 636, 3268, 3269}),
    WIN_EXCHANGE("exchange", "exch", true, 2, List.of("exchange"), List.of(), new int[] {25, 443, 587}),
    WIN_SHAREPOINT("sharepoint", "sp", true, 2, List.of("sharepoint"), List.of(), new int[] {80, 443}),
    WIN_RDS("rds", "rds", true, 6, List.of("browser"), List.of("desktop"), new int[] {3389}),
    WIN_BACKUP("backup", "bkp", true, 3, List.of("veeam"), List.of(), new int[] {9392, 9401}),
    WIN_HYPERV("hyperv", "hv", true, 4, List.of(), List.of(), new int[] {}),
    WIN_JUMP("jump", "jump", true, 5, List.of("browser"), List.of(), new int[] {}),
    WIN_CI("ci", "build", true, 2, List.of("jenkins", "java"), List.of(), new int[] {8080}),
    LX_WEB("web", "web", false, 18, List.of("nginx|httpd"), List.of("php"), new int[] {80, 443}),
    LX_APP("app", "app", false, 22, List.of("java", "javalib"), List.of("javalib-extra", "javalib-legacy", "node"), new int[] {8080, 8443}),
    LX_DB("db", "db", false, 14, List.of("postgres|mysql"), List.of(), new int[] {}),
    LX_CACHE("cache", "cache", false, 6, List.of("redis"), List.of(), new int[] {6379}),
    LX_K8S("k8s", "k8s-node", false, 10, List.of("k8s"), List.of("docker"), new int[] {6443, 10250}),
    LX_CI("ci", "ci", false, 4, List.of("jenkins", "java"), List.of("docker"), new int[] {8080}),
    LX_WIKI("wiki", "wiki", false, 2, List.of("confluence", "java"), List.of(), new int[] {8090}),
    LX_MAIL("mail", "mail", false, 3, List.of("mail"), List.of(), new int[] {25, 587}),
    LX_MONITOR("monitor", "mon", false, 5, List.of(), List.of(), new int[] {3000, 9090, 9100}),
    LX_BASTION("bastion", "bastion", false, 4, List.of(), List.of(), new int[] {}),
    LX_DOCKER("docker", "docker", false, 4, List.of("docker"), List.of(), new int[] {2376});

    final String code;
    final String prefix;
    final boolean windows;
    final double weight;
    final List<String> groups;
    final List<String> optionalGroups;
    final int[] ports;

    Role(String code, String prefix, boolean windows, double weight, List<String> groups, List<String> optionalGroups, int[] ports) {
        this.code = code;
        this.prefix = prefix;
        this.windows = windows;
        this.weight = weight;
        this.groups = groups;
        this.optionalGroups = optionalGroups;
        this.ports = ports;
    }

    /** Infrastructure roles are named without environment ({@code dc-03}) and always run in production. */
    boolean infrastructure() {
        return switch (this) {
            case WIN_DC, WIN_EXCHANGE, WIN_SHAREPOINT, WIN_BACKUP, WIN_HYPERV, LX_MAIL, LX_MONITOR, LX_BASTION -> true;
            default -> false;
        };
    }

    /** Business applications get names like {@code pay-prod-db-01}. */
    boolean servesApplications() {
        return switch (this) {
            case WIN_WEB, WIN_APP, WIN_SQL, LX_WEB, LX_APP, LX_DB, LX_CACHE -> true;
            default -> false;
        };
    }
}
