package dev.promptly.config;

import java.util.List;

/** Configuration that cannot be used; lists every problem with its path, e.g. {@code shops["a"].time_zone}. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super("invalid configuration in " + source + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
