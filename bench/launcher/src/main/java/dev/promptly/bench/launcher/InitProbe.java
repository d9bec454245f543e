package dev.promptly.bench.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.wiring.ConfigSource;
import dev.promptly.aws.AwsClients;
import dev.promptly.holidays.PublicHolidays;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Splits a function's initialisation into its expensive first steps, each timed in a fresh JVM next to
 * the function jar: the first Jackson parse, the public-holiday table's index (a gzipped binary resource
 * read by {@code PublicHolidays}; until the table replaced Jollyday at run time, this step parsed the
 * country's XML rules with JAXB), the first holiday lookup (which decodes the country's dates of that year),
 * the rest of the configuration's validation, and the DynamoDB client. The JSON keys stay as they were,
 * so figures before and after compare. Usage, with the Lambda runtime's flags:
 * {@code java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp <function jar>:<launcher jar>
 * dev.promptly.bench.launcher.InitProbe config/promptly.example.json DE}.
 */
public final class InitProbe {
    private InitProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        String country = args.length > 1 ? args[1] : "DE";
        long t0 = System.nanoTime();
        new ObjectMapper().readTree(Files.readString(config));
        long t1 = System.nanoTime();
        PublicHolidays.knowsCountry(country);
        long t2 = System.nanoTime();
        PublicHolidays.of(country, null).holiday(LocalDate.now());
        long t3 = System.nanoTime();
        ConfigSource.loadFile(config, true);
        long t4 = System.nanoTime();
        new AwsClients(false).dynamoDb();
        long t5 = System.nanoTime();
        System.out.printf("{\"jackson_first_parse_ms\": %d, \"holiday_rules_ms\": %d, \"first_holiday_year_ms\": %d,"
                        + " \"rest_of_config_ms\": %d, \"dynamodb_client_ms\": %d, \"classes\": %d}%n",
                ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), ms(t5 - t4),
                ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
