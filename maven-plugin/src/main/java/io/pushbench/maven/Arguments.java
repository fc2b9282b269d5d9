package io.pushbench.maven;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line a goal's configuration stands for: {@code --name=value} for each option set,
 * {@code --name} for each flag that is on. Values are passed as the configuration wrote them, so
 * the command line reads and checks them exactly as it does its own.
 */
final class Arguments {

    private final List<String> args = new ArrayList<>();

    /** @param command the command, e.g. {@code capacity} */
    Arguments(String command) {
        args.add(command);
    }

    /** Adds {@code --name=value} when {@code value} is set (not null, and not blank for text). */
    Arguments option(String name, Object value) {
        if (value != null && !(value instanceof String text && text.isBlank())) {
            args.add("--" + name + "=" + value);
        }
        return this;
    }

    /** Adds {@code --name=value} once per value (a repeatable option, e.g. {@code --header}). */
    Arguments each(String name, List<String> values) {
        if (values != null) {
            values.forEach(v -> option(name, v));
        }
        return this;
    }

    /** Adds {@code --name} when {@code on}. */
    Arguments flag(String name, boolean on) {
        if (on) {
            args.add("--" + name);
        }
        return this;
    }

    String[] toArray() {
        return args.toArray(String[]::new);
    }

    @Override
    public String toString() {
        return "pushbench " + String.join(" ", args);
    }
}
