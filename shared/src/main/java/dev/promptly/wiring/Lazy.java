package dev.promptly.wiring;

import java.util.Objects;
import java.util.function.Supplier;

/** A part built on first use, then kept: what a function never asks for is never constructed. Thread-safe. */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<? extends T> build;
    private T value;

    Lazy(Supplier<? extends T> build) {
        this.build = Objects.requireNonNull(build, "build");
    }

    @Override
    public synchronized T get() {
        if (value == null) {
            value = Objects.requireNonNull(build.get(), "a part built as null");
        }
        return value;
    }
}
