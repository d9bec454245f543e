package dev.promptly.local.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code promptly-local validate}: run as the jar's main runs it, on files like an operator's. */
class ValidateCommandTest {
    private static final Pattern LITERAL = Pattern.compile("\"literal:([A-Za-z0-9_.-]+)\"");
    /** Maven runs this module's tests with {@code local/} as working directory. */
    private static final Path EXAMPLE = Path.of("..", "config", "promptly.example.json");
    private static final String SHOP = "shops[\"demo-shop.myshopify.com\"]";

    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
    }

    private static Result validate(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = ValidateCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The shipped example as an operator would deploy it: its literal: secrets replaced by ssm: references (the agent
     * token by a Secrets Manager one), whichever blocks carry them.
     */
    private static String deployableExample() throws IOException {
        return LITERAL.matcher(Files.readString(EXAMPLE)
                        .replace("\"literal:local-agent-token\"", "\"secretsmanager:promptly/demo-shop/agent-token\""))
                .replaceAll("\"ssm:/promptly/secrets/demo-shop/$1\"")
                .replace("\"ssm:/promptly/secrets/demo-shop/local-webhook-secret\"", "\"ssm:/promptly/secrets/demo-shop/webhook\"");
    }

    private static long literalSecretsInTheExample() throws IOException {
        return LITERAL.matcher(Files.readString(EXAMPLE)).results().count();
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void aDeployableConfigurationExitsZeroWithItsSizeAndAShopSummaryWithoutSecretValues() throws IOException {
        Path config = file("promptly.json", deployableExample());

        Result result = validate("--config", config.toString());

        assertEquals(ValidateCommand.OK, result.status(), result.err());
        assertTrue(result.out().contains(config + " is valid"), result.out());
        int bytes = Files.readAllBytes(config).length;
        // The example's optional blocks have grown it past a Standard parameter; the tier boundaries have their own test.
        String tier = bytes <= 4096 ? "fits a Standard SSM parameter (4096)" : "needs an Advanced SSM parameter";
        assertTrue(result.out().contains("size: " + bytes + " bytes; " + tier), result.out());
        assertTrue(result.out().contains("shops: 1"), result.out());
        assertTrue(result.out().contains("demo-shop.myshopify.com: languages de, en; time zone Europe/Berlin"), result.out());
        assertTrue(result.out().contains("shopify_webhook ssm:/promptly/secrets/demo-shop/webhook"), result.out());
        assertTrue(result.out().contains("agent_token secretsmanager:promptly/demo-shop/agent-token"), result.out());
        assertEquals("", result.err());
    }

    @Test
    void theShippedExampleIsRefusedForADeploymentNamingEachLiteralSecretByItsPath() throws IOException {
        Result result = validate("--config", EXAMPLE.toString());

        assertEquals(ValidateCommand.INVALID, result.status());
        assertTrue(result.err().contains("is invalid (" + literalSecretsInTheExample() + " problems)"), result.err());
        for (String secret : List.of("shopify_webhook", "messages", "agent_token", "export_token")) {
            assertTrue(result.err().contains("  - " + SHOP + ".secrets." + secret + ": literal secrets are for the local runner only"),
                    secret + ":\n" + result.err());
        }
        assertFalse(result.err().contains("local-webhook-secret"), "a literal secret's value must not be printed:\n" + result.err());
        assertEquals("", result.out());
    }

    @Test
    void withLocalTheShippedExampleIsValidForTheLocalRunner() {
        Result result = validate("--config", EXAMPLE.toString(), "--local");

        assertEquals(ValidateCommand.OK, result.status(), result.err());
        assertTrue(result.out().contains("is valid for the local runner"), result.out());
        assertTrue(result.out().contains("shopify_webhook literal:***"), "literal values stay hidden:\n" + result.out());
        assertFalse(result.out().contains("size:"), "no SSM limits for the local runner:\n" + result.out());
    }

    @Test
    void everyProblemIsListedWithItsPathNotOnlyTheFirst() throws IOException {
        String broken = deployableExample()
                .replace("\"time_zone\": \"Europe/Berlin\"", "\"time_zone\": \"Europe/Atlantis\"")
                .replace("\"support_email\": \"support@demo-shop.example\"", "\"support_email\": \"not-an-address\", \"colour\": \"blue\"");
        Path config = file("broken.json", broken);

        Result result = validate("--config", config.toString());

        assertEquals(ValidateCommand.INVALID, result.status());
        List<String> problems = problems(result.err());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(SHOP + ".time_zone:")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(SHOP + ".support_email:")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains(SHOP) && p.contains("colour")), problems.toString());
        assertTrue(result.err().contains("(" + problems.size() + " problems)"), result.err());
    }

    @Test
    void aConfigurationOverFourKilobytesNeedsTheAdvancedTierAndOneOverEightIsRefused() throws IOException {
        Path advanced = file("advanced.json", padded(deployableExample(), 7000));
        Path tooLarge = file("too-large.json", padded(deployableExample(), 9000));

        Result fits = validate("--config", advanced.toString());
        Result refused = validate("--config", tooLarge.toString());

        assertEquals(ValidateCommand.OK, fits.status(), fits.err());
        assertTrue(fits.out().contains("size: 7000 bytes; needs an Advanced SSM parameter (aws ssm put-parameter --tier Advanced; up to 8192)"),
                fits.out());
        assertEquals(ValidateCommand.INVALID, refused.status());
        assertTrue(refused.err().contains("  - (root): 9000 bytes, over the 8192 an SSM parameter (Advanced tier) holds"), refused.err());
    }

    @Test
    void secretReferencesOutsideTheStacksPrefixesAreRefusedUnlessTheStackUsesOthers() throws IOException {
        Path config = file("elsewhere.json", deployableExample()
                .replace("ssm:/promptly/secrets/demo-shop/webhook", "ssm:/shared/shopify/webhook")
                .replace("secretsmanager:promptly/demo-shop/agent-token", "secretsmanager:team/agent-token"));

        Result defaults = validate("--config", config.toString());
        Result matchingStack = validate("--config", config.toString(), "--secrets-path", "/shared/", "--secrets-manager-prefix", "team/");

        assertEquals(ValidateCommand.INVALID, defaults.status());
        assertTrue(defaults.err().contains("  - " + SHOP + ".secrets.shopify_webhook: ssm: reference outside /promptly/secrets/"), defaults.err());
        assertTrue(defaults.err().contains("  - " + SHOP + ".secrets.agent_token: secretsmanager: reference outside promptly/"), defaults.err());
        // Only /shared/ is allowed now, so the other ssm: references are outside it.
        assertTrue(matchingStack.err().contains(SHOP + ".secrets.messages: ssm: reference outside /shared/"), matchingStack.err());
        assertFalse(matchingStack.err().contains("agent_token"), matchingStack.err());
    }

    @Test
    void notJsonIsOneProblemWithItsPosition() throws IOException {
        Path config = file("truncated.json", "{\"shops\": {");

        Result result = validate("--config", config.toString());

        assertEquals(ValidateCommand.INVALID, result.status());
        assertTrue(result.err().contains("is invalid (1 problem)"), result.err());
        assertTrue(result.err().contains("not valid JSON at"), result.err());
    }

    @Test
    void aMissingFileOrOptionExitsTwoNamingIt() {
        Result noOption = validate();
        Result noFile = validate("--config", dir.resolve("absent.json").toString());
        Result unknown = validate("--config", EXAMPLE.toString(), "--tier");

        assertEquals(ValidateCommand.INVALID, noOption.status());
        assertTrue(noOption.err().contains("--config FILE is required"), noOption.err());
        assertEquals(ValidateCommand.INVALID, noFile.status());
        assertTrue(noFile.err().contains("cannot read"), noFile.err());
        assertEquals(ValidateCommand.INVALID, unknown.status());
        assertTrue(unknown.err().contains("unknown option --tier"), unknown.err());
    }

    @Test
    void forTheS3ObjectTheSsmLimitsDoNotApplyButTheObjectCapDoes() throws IOException {
        Path large = file("large.json", padded(deployableExample(), 9000));
        Path tooLarge = file("too-large.json", padded(deployableExample(), 8 * 1024 * 1024 + 1));

        Result fits = validate("--config", large.toString(), "--target", "s3");
        Result refused = validate("--config", tooLarge.toString(), "--target", "s3");
        Result forSsm = validate("--config", large.toString(), "--target", "ssm");

        assertEquals(ValidateCommand.OK, fits.status(), fits.err());
        assertTrue(fits.out().contains("size: 9000 bytes; fits the S3 configuration object (up to 8388608)"), fits.out());
        assertEquals(ValidateCommand.INVALID, refused.status());
        assertEquals(List.of("(root): 8388609 bytes, over the 8388608 the functions read from the S3 object; split the shops across stacks"),
                problems(refused.err()));
        assertEquals(ValidateCommand.INVALID, forSsm.status(), "ssm is the target --target ssm and no --target name");
        assertTrue(forSsm.err().contains("put it in S3 (ConfigBucketName, validate --target s3)"), forSsm.err());
    }

    @Test
    void templateOverridesAreCheckedWithTheirPathAndListedInTheSummary() throws IOException {
        String block = "\"order_answers\": {";
        String example = deployableExample();
        assertTrue(example.contains(block), "the example has an order_answers block");
        Path good = file("good.json", example.replace(block, "\"templates\": {\"ack.subject\": {\"en\": \"[{{ticket}}] Thanks!\","
                + " \"de\": \"[{{ticket}}] Danke!\"}}, " + block));
        Path bad = file("bad.json", example.replace(block, "\"templates\": {\"ack.subject\": {\"en\": \"[{{tiket}}] Thanks!\"}}, " + block));

        Result valid = validate("--config", good.toString(), "--target", "s3");
        Result invalid = validate("--config", bad.toString(), "--target", "s3");

        assertEquals(ValidateCommand.OK, valid.status(), valid.err());
        assertTrue(valid.out().contains("      own templates: ack.subject (de, en)"), valid.out());
        assertEquals(ValidateCommand.INVALID, invalid.status());
        List<String> problems = problems(invalid.err());
        assertEquals(1, problems.size(), invalid.err());
        assertTrue(problems.get(0).startsWith(SHOP + ".templates[\"ack.subject\"].en: unknown variable \"tiket\" outside any section"), problems.get(0));
    }

    @Test
    void anUnknownTargetOrATargetWithLocalIsRefused() {
        Result unknown = validate("--config", EXAMPLE.toString(), "--target", "appconfig");
        Result both = validate("--config", EXAMPLE.toString(), "--local", "--target", "s3");

        assertEquals(ValidateCommand.INVALID, unknown.status());
        assertTrue(unknown.err().contains("--target: must be ssm (the SSM parameter) or s3 (the S3 object), got appconfig"), unknown.err());
        assertEquals(ValidateCommand.INVALID, both.status());
        assertTrue(both.err().contains("give one of them"), both.err());
    }

    /** {@code json} grown to exactly {@code bytes} UTF-8 bytes by a longer top-level _comment. */
    private static String padded(String json, int bytes) {
        String marker = "\"_comment\": \"";
        int at = json.indexOf(marker) + marker.length();
        int missing = bytes - json.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(missing > 0, "the example is already larger than " + bytes);
        return json.substring(0, at) + "x".repeat(missing) + json.substring(at);
    }

    private static List<String> problems(String err) {
        List<String> problems = new ArrayList<>();
        err.lines().filter(line -> line.startsWith("  - ")).forEach(line -> problems.add(line.substring(4)));
        return problems;
    }
}
