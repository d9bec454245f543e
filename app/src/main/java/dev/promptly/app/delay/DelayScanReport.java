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
 */
public record DelayScanReport(int due, int notices, int notes, int heldForWindow, int heldByBreaker, int unreachable,
                              int alreadyDecided, int orderChanged, int failed, boolean complete) {
}
