package dev.promptly.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.promptly.config.ShopConfig;
import dev.promptly.core.delay.SendWindow;
import java.nio.file.Path;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/**
 * The warm bench reads the wall clock: its delay-scan row must measure the notices being sent whatever the hour
 * it runs at, not held until the example's 08:00-20:00 window opens.
 */
class WarmBenchConfigTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theBenchSendsDelayNoticesAtAnyHourOfTheDay() throws Exception {
        // given the configuration the warm bench runs with
        var config = WarmBench.benchConfig(REPO);

        // then every shop with delay notices sends them from midnight to the last minute of the day
        assertFalse(config.shops().isEmpty());
        for (ShopConfig shop : config.shops().values()) {
            assertEquals(new SendWindow(LocalTime.MIDNIGHT, LocalTime.of(23, 59)), shop.delayNotices().sendWindow(), shop.domain().value());
        }
    }
}
