package dev.promptly.config;

/** How long data lives before DynamoDB's TTL deletes it, in days since the last change. */
public record Retention(int orderDays, int exportDays) {
    public static final Retention DEFAULT = new Retention(365, 30);

    public Retention {
        if (orderDays < 1 || exportDays < 1) {
            throw new IllegalArgumentException("retention days must be >= 1");
        }
    }
}
