package dev.promptly.core.delay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    /** At most 50 notices, or a quarter of the due orders. */
    private final DelayPolicy policy = DelayFixtures.policy();

    @Test
    void aRunAtTheMaximumNumberOfNoticesSends() {
        assertFalse(CircuitBreaker.trips(50, 1000, policy));
    }

    @Test
    void aRunOverTheMaximumNumberOfNoticesTrips() {
        assertTrue(CircuitBreaker.trips(51, 1000, policy));
    }

    @Test
    void aRunAtTheMaximumShareOfDueOrdersSends() {
        assertFalse(CircuitBreaker.trips(25, 100, policy));
    }

    @Test
    void aRunOverTheMaximumShareOfDueOrdersTrips() {
        assertTrue(CircuitBreaker.trips(26, 100, policy));
    }

    @Test
    void aSmallRunIsNotJudgedByShare() {
        assertFalse(CircuitBreaker.trips(19, CircuitBreaker.MIN_DUE_FOR_SHARE - 1, policy));
        assertTrue(CircuitBreaker.trips(6, CircuitBreaker.MIN_DUE_FOR_SHARE, policy));
    }

    @Test
    void theDefaultPolicyJudgesByCountOnly() {
        DelayPolicy defaults = DelayPolicy.defaults(2);

        assertFalse(CircuitBreaker.trips(50, 50, defaults));
        assertTrue(CircuitBreaker.trips(51, 51, defaults));
    }
}
