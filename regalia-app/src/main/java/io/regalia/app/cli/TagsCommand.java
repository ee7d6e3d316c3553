package io.regalia.app.cli;

import io.regalia.app.Regalia;
import io.regalia.core.report.BadInputException;
import io.regalia.store.tag.ApplyResult;
import io.regalia.store.tag.MembershipChange;
import io.regalia.store.tag.Preview;
import io.regalia.store.tag.Tag;
import io.regalia.store.tag.TagChange;
import io.regalia.store.tag.TagRule;
import io.regalia.store.tag.TagsAsCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "tags", mixinStandardHelpOptions = true, description = "Tags and their criticality.",
        subcommands = {TagsCommand.Create.class, TagsCommand.ListTags.class, TagsCommand.Assign.class,
                TagsCommand.Unassign.class, TagsCommand.Update.class, TagsCommand.Delete.class, TagsCommand.History.class,
                TagsCommand.PreviewRule.class, TagsCommand.Evaluate.class, TagsCommand.Export.class, TagsCommand.Apply.class})
final class TagsCommand {
    private static final String ACTOR = "cli:" + System.getProperty("user.name", "unknown");
    static final String RULE_TYPES = "STATIC (by hand), GLOBAL_ASSET_VIEW (QQL), NAME_CONTAINS, OS_REGEX, NETWORK_RANGE "
            + "(10.0.0.0/8, 10.1.1.1-10.1.1.9), OPEN_PORTS (22,8080-8090), INSTALLED_SOFTWARE, VULN_EXIST (QID or CVE), "
            + "CLOUD_ASSET (AWS or AWS: QQL).";
    private static final int LISTED = 50;

    static void print(CommandSpec spec, Tag t, boolean json) {
        if (json) spec.commandLine().getOut().println(Json.write(t));
        else spec.commandLine().getOut().printf("%s (id %d)%s%s%s, %d assets%n", t.name(), t.id(),
                t.criticality() == null ? "" : ", criticality " + t.criticality(),
                t.parentName() == null ? "" : ", parent " + t.parentName(), t.color() == null ? "" : ", color " + t.color(),
                t.assets());
        if (!json && t.rule() != null) spec.commandLine().getOut().printf("  rule %s: %s%n", t.ruleType(), t.rule());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a tag.")
    static final class Create implements Callable<Integer> {
        @Mixin StoreOptions store = new StoreOptions();
        @Spec CommandSpec spec;
        @Option(names = "--name", required = true) String name;
        @Option(names = "--criticality", description = "1-5") Integer criticality;
        @Option(names = "--parent", paramLabel = "NAME") String parent;
        @Option(names = "--color", paramLabel = "#RRGGBB") String color;
        @Option(names = "--rule-type", paramLabel = "TYPE", defaultValue = "STATIC", description = RULE_TYPES)
        String ruleType;
        @Option(names = "--rule", paramLabel = "TEXT", description = "The rule, e.g. QQL for GLOBAL_ASSET_VIEW.") String rule;
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            TagRule parsed = TagRule.of(ruleType, rule);
            try (Regalia r = store.open()) {
                print(spec, r.tags().create(new TagChange(name, Optional.ofNullable(criticality), Optional.ofNullable(parent),
                        Optional.ofNullable(color), Optional.of(parsed)), ACTOR), json);
            }
            return RegaliaCommand.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tags.")
    static final class ListTags implements Callable<Integer> {
        @Mixin StoreOptions store = new StoreOptions();
        @Spec CommandSpec spec;
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            try (Regalia r = store.open()) {
                List<Tag> tags = r.tags().list();
                if (json) spec.commandLine().getOut().println(Json.write(tags));
                else tags.forEach(t -> print(spec, t, false));
            }
            return RegaliaCommand.OK;
        }
    }

    @Command(name = "assign", mixinStandardHelpOptions = true, description = "Put assets in a static tag.")
    static final class Assign implements Callable<Integer> {
        @Mixin StoreOptions store = new StoreOptions();
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Option(names = "--asset", required = true, arity = "1..*", paramLabel = "ID") List<Long> assets;

        @Override
        public Integer call() {
            try (Regalia r = store.open()) {
                int n = r.tags().assign(name, assets, ACTOR);
                spec.commandLine().getOut().printf("%d assets added to %s%n", n, name);
            }
            return RegaliaCommand.OK;
        }
    }

    @Command(name = "unassign", mixinStandardHelpOptions = true, description = "Take assets out of a static tag.")
    static final class Unassign implements Callable<Integer> {
        @Mixin StoreOptions store = new StoreOptions();
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Option(names = "--asset", required = true, arity = "1..*", paramLabel = "ID") List<Long> assets;

        @Override
        public Integer call() {
            try (Regalia r = store.open()) {
                int n = r.tags().unassign(name, assets, ACTOR);
                spec.commandLine().getOut().printf("%d assets removed from %s%n", n, name);
            }
            return RegaliaCommand.OK;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Change a tag; --criticality 0, --parent '' or --color '' removes the value.")
    static final class Update implements Callable<Integer> {
        @Mixin StoreOptions store = new StoreOptions();
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Option(names = "--name", paramLabel = "NEW") String newName;
        @Option(names = "--criticality") Integer criticality;
        @Option(names = "--parent") String parent;
        @Option(names = "--color") String color;
        @Option(names = "--rule-type", paramLabel = "TYPE", description = "New rule type; STATIC keeps the current members. "
                + RULE_TYPES)
        String ruleType;
        @Option(names = "--rule", paramLabel = "TEXT", description = "New rule (with --rule-type).") String rule;
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            if (rule != null && ruleType == null) throw new BadInputException("--rule", "give --rule-type with --rule");
            Optional<TagRule> parsed = ruleType == null ? Optional.empty() : Optional.of(TagRule.of(ruleType, rule));
            try (Regalia r = store.open()) {
                print(spec, r.tags().update(name, new TagChange(newName, Optional.ofNullable(criticality),
                        Optional.ofNullable(parent), Optional.ofNullable(color), parsed), ACTOR), json);
            }
            return RegaliaCommand.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a tag.")
    static final class Delete implements Callable<Integer> {
        @Mixin StoreOptions store = new StoreOptions();
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            try (Regalia r = store.open()) {
                r.tags().delete(name, ACTOR);
                spec.commandLine().getOut().println("deleted " + name);
            }
            return RegaliaCommand.OK;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "Who changed a tag, when, and how.")
    static final class History implements Callable<Integer> {
        @Mixin StoreOptions store = new StoreOptions();
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            try (Regalia r = store.open()) {
                var rows = r.tags().history(name);
                if (json) spec.commandLine().getOut().println(Json.write(rows));
                else rows.forEach(row -> spec.commandLine().getOut().printf("%s %s %s before=%s after=%s%n",
                        row.get("at"), row.get("actor"), row.get("action"), row.get("before"), row.get("after")));
            }
            return RegaliaCommand.OK;
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "Show what saving a rule would do, without saving: matching assets, who joins and leaves, and "
                    + "how ACS and TruRisk would move.")
    static final class PreviewRule implements Callable<Integer> {
        @Mixin StoreOptions store = new StoreOptions();
        @Spec CommandSpec spec;
        @Option(names = "--rule-type", required = true, paramLabel = "TYPE", description = RULE_TYPES)
        String ruleType;
        @Option(names = "--rule", paramLabel = "TEXT") String rule;
        @Option(names = "--criticality", description = "1-5; with --tag, the default is the tag's own") Integer criticality;
        @Option(names = "--tag", paramLabel = "NAME", description = "Compare with this tag's members and give it the rule.")
        String tag;
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            TagRule parsed = TagRule.of(ruleType, rule);
            Preview p;
            try (Regalia r = store.open()) {
                p = r.tags().preview(parsed, criticality, tag);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(p));
                return RegaliaCommand.OK;
            }
            out.printf("%s matches %d assets%n", parsed, p.matching());
            list(out, "joining", p.added().stream().map(a -> a.name() + " (#" + a.id() + ")").toList());
            list(out, "leaving", p.removed().stream().map(a -> a.name() + " (#" + a.id() + ")").toList());
            list(out, "scores", p.scores().stream().map(s -> String.format("%s (#%d): ACS %d -> %d, TruRisk %d -> %d",
                    s.name(), s.id(), s.acsBefore(), s.acsAfter(), s.riskBefore(), s.riskAfter())).toList());
            Preview.Totals t = p.totals();
            out.printf("%d assets change score: ACS up on %d, down on %d; their TruRisk sums %d -> %d (%+d)%n",
                    t.assetsChanged(), t.acsRaised(), t.acsLowered(), t.riskBefore(), t.riskAfter(), t.riskAfter() - t.riskBefore());
            return RegaliaCommand.OK;
        }

        private static void list(PrintWriter out, String title, List<String> lines) {
            out.printf("%s: %d%n", title, lines.size());
            lines.stream().limit(LISTED).forEach(l -> out.println("  " + l));
            if (lines.size() > LISTED) out.printf("  … and %d more (--json lists all)%n", lines.size() - LISTED);
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Re-evaluate one rule-based tag (and the tags that read it), or all, on every asset; rules with "
                    + "relative dates (now-30d) move with the calendar.")
    static final class Evaluate implements Callable<Integer> {
        @Mixin StoreOptions store = new StoreOptions();
        @Spec CommandSpec spec;
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME") String name;
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            List<MembershipChange> changes;
            try (Regalia r = store.open()) {
                changes = r.tags().evaluate(name, ACTOR);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) out.println(Json.write(changes));
            else if (changes.isEmpty()) out.println("no membership changed");
            else changes.forEach(c -> out.println(c));
            return RegaliaCommand.OK;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Print the whole tag tree as YAML (names, parents, rules, criticality, colors) for 'tags apply'.")
    static final class Export implements Callable<Integer> {
        @Mixin StoreOptions store = new StoreOptions();
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (Regalia r = store.open()) {
                spec.commandLine().getOut().print(TagsAsCode.write(r.tags().export()));
                spec.commandLine().getOut().flush();
            }
            return RegaliaCommand.OK;
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Make the tags exactly what a YAML file (from 'tags export') says, in one transaction, and print "
                    + "the changes. Tags not in the file are deleted.")
    static final class Apply implements Callable<Integer> {
        @Mixin StoreOptions store = new StoreOptions();
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "FILE") Path file;
        @Option(names = "--dry-run", description = "Show the changes without keeping them.") boolean dryRun;
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new BadInputException(file.toString(), "cannot read the file (" + e.getClass().getSimpleName() + ")");
            }
            var tree = TagsAsCode.read(text, file.toString());
            ApplyResult result;
            try (Regalia r = store.open()) {
                result = r.tags().apply(tree, file.toString(), dryRun, ACTOR);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(result));
                return RegaliaCommand.OK;
            }
            result.changes().forEach(out::println);
            result.memberships().forEach(m -> out.println("  members " + m));
            if (result.isEmpty()) out.println("no changes: the tags already match " + file);
            else out.printf("%s%d tag changes, %d assets rescored%s%n", dryRun ? "dry run: " : "", result.changes().size(),
                    result.assetsRescored(), dryRun ? " (nothing kept)" : "");
            return RegaliaCommand.OK;
        }
    }
}
