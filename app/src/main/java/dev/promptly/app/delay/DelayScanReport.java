package dev.promptly.app.delay;

/**
 * What one delay scan run did, for its log line and the local runner's answer.
 *
 * @param due              due orders read from the index
 * @param notices          customer notices written to the outbox
 * @param notes            internal notes written instead, because the customer has an open conversation
 *                         about the order
 * @param heldForWindow    orders with notices held until the customer's send window opens
 * @param heldByBreaker    orders whose notices the circuit breaker held
 * @param unreachable      delays decided without a notice: the order has no e-mail address, or its notice
 *                         could not be rendered
 * @param alreadyDecided   orders another (overlapping) run decided first
 * @param orderChanged     orders a webhook changed during the run: assessed again by the next run
 * @param failed           orders whose processing failed unexpectedly: still due, retried by the next run
 * @param complete         false when the run stopped before reading every due order (time or limit): the
 *                         next run continues, as the orders it did not reach are still due
 * @param goodwill         the goodwill codes of this run's notices and the budgets of the shops it scanned
 */
public record DelayScanReport(int due, int notices, int notes, int heldForWindow, int heldByBreaker, int unreachable,
                              int alreadyDecided, int orderChanged, int failed, boolean complete, Goodwill goodwill) {
    /** A report of a run without goodwill codes. */
    public DelayScanReport(int due, int notices, int notes, int heldForWindow, int heldByBreaker, int unreachable,
                           int alreadyDecided, int orderChanged, int failed, boolean complete) {
        this(due, notices, notes, heldForWindow, heldByBreaker, unreachable, alreadyDecided, orderChanged, failed, complete, Goodwill.NONE);
    }

    public DelayScanReport {
        goodwill = goodwill == null ? Goodwill.NONE : goodwill;
    }

    /**
     * Goodwill codes in one run.
     *
     * @param codes       notices written with a code
     * @param withoutCode notices written without their code because Shopify failed (the team was told)
     * @param overBudget  notices written without a code because the shop's monthly budget was used up
     * @param waiting     notices not written this run: their code waits for Shopify or another scan (still due)
     * @param budgets     the month's budget of each scanned shop that has codes configured, after the run
     */
    public record Goodwill(int codes, int withoutCode, int overBudget, int waiting, java.util.List<GoodwillBudget> budgets) {
        public static final Goodwill NONE = new Goodwill(0, 0, 0, 0, java.util.List.of());

        public Goodwill {
            budgets = java.util.List.copyOf(budgets);
        }
    }
}
