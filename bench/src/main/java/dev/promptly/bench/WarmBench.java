package dev.promptly.bench;

import java.nio.file.Path;

final class WarmBench {
    private final Path repo;
    private final int events;

    WarmBench(Path repo, int events) {
        this.repo = repo;
        this.events = events;
    }

    String run() {
        throw new UnsupportedOperationException("not yet");
    }
}
