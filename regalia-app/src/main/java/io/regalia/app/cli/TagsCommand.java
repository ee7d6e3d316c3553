package io.regalia.app.cli;

import io.regalia.app.Regalia;
import io.regalia.store.tag.Tag;
import io.regalia.store.tag.TagChange;
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
                TagsCommand.Unassign.class, TagsCommand.Update.class, TagsCommand.Delete.class, TagsCommand.History.class})
final class TagsCommand {
    private static final String ACTOR = "cli:" + System.getProperty("user.name", "unknown");

    static void print(CommandSpec spec, Tag t, boolean json) {
        if (json) spec.commandLine().getOut().println(Json.write(t));
        else spec.commandLine().getOut().printf("%s (id %d)%s%s%s, %d assets%n", t.name(), t.id(),
                t.criticality() == null ? "" : ", criticality " + t.criticality(),
                t.parentName() == null ? "" : ", parent " + t.parentName(), t.color() == null ? "" : ", color " + t.color(),
                t.assets());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a tag.")
    static final class Create implements Callable<Integer> {
        @Mixin StoreOptions store = new StoreOptions();
        @Spec CommandSpec spec;
        @Option(names = "--name", required = true) String name;
        @Option(names = "--criticality", description = "1-5") Integer criticality;
        @Option(names = "--parent", paramLabel = "NAME") String parent;
        @Option(names = "--color", paramLabel = "#RRGGBB") String color;
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            try (Regalia r = store.open()) {
                print(spec, r.tags().create(new TagChange(name, Optional.ofNullable(criticality), Optional.ofNullable(parent),
                        Optional.ofNullable(color)), ACTOR), json);
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
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            try (Regalia r = store.open()) {
                print(spec, r.tags().update(name, new TagChange(newName, Optional.ofNullable(criticality),
                        Optional.ofNullable(parent), Optional.ofNullable(color)), ACTOR), json);
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
}
