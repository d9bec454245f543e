package dev.promptly.local.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.config.ConfigException;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.ShopConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.promptly.wiring.ConfigSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.TreeSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code validate --config FILE}: checks a configuration as a deployed function would load it, without
 * starting anything, and also what only a deployment meets: the size limits of the SSM parameter that
 * holds it, and secret references the functions' IAM policies let them read. Every problem is listed with
 * its JSON path (the parser collects them all), and the exit status is {@value #OK} or {@value #INVALID}.
 * {@code --target s3} checks it for the S3 object instead of the SSM parameter: no SSM limits, the
 * functions' cap on the object ({@link ConfigSource#MAX_OBJECT_BYTES}). {@code --local} checks it for the
 * local runner instead: {@code literal:} secrets allowed, no size limits. Each shop's template overrides are
 * checked by the parser and listed in the summary.
 */
public final class ValidateCommand {
    public static final int OK = 0;
    public static final int INVALID = 2;
    /**
     * Parameter Store's value limits: 4,096 characters for a Standard parameter, 8 KB for an Advanced one
     * (https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html).
     * Counted in UTF-8 bytes, which are never fewer than the characters.
     */
    static final int STANDARD_LIMIT = 4096;
    static final int ADVANCED_LIMIT = 8192;
    /** The template's defaults for SecretsParameterPath and SecretsManagerPrefix (template.yaml). */
    static final String DEFAULT_SECRETS_PATH = "/promptly/secrets/";
    static final String DEFAULT_SECRETS_MANAGER_PREFIX = "promptly/";

    static final String USAGE = """
            Usage: java -jar local/target/promptly-local.jar validate --config FILE [--target ssm|s3 | --local]
                   [--secrets-path /promptly/secrets/] [--secrets-manager-prefix promptly/]

            Checks FILE as a deployed function would load it, shops' template overrides included, and
            prints a summary (exit 0), or every problem with its JSON path (exit 2). Also checks that
            every ssm: and secretsmanager: reference lies below the stack's SecretsParameterPath and
            SecretsManagerPrefix (the functions may read nothing else), and that it fits where it goes:
            --target ssm (default): one SSM parameter (4,096 bytes Standard, 8,192 Advanced);
            --target s3: the S3 object of the stack's ConfigBucketName (up to 8 MiB).
            --local: check it for the local runner instead (literal: secrets allowed, no size limits).
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ValidateCommand() {
    }

    /** @param args the arguments after {@code validate} */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help")) {
            out.print(USAGE);
            return OK;
        }
        ValidateOptions options;
        try {
            options = ValidateOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("promptly-local validate: " + e.getMessage());
            err.print(USAGE);
            return INVALID;
        }
        String text;
        try {
            byte[] bytes = Files.readAllBytes(options.config());
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return invalid(err, options.config(), List.of("(file): not UTF-8 text"));
        } catch (IOException e) {
            err.println("promptly-local validate: --config: cannot read " + options.config() + " (" + e.getClass().getSimpleName() + ")");
            return INVALID;
        }
        List<String> problems = new ArrayList<>();
        PromptlyConfig config = null;
        try {
            config = ConfigParser.parse(text, options.config().toString(), options.local());
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        boolean toS3 = options.target() == ValidateOptions.Target.S3;
        if (!options.local()) {
            if (toS3 && bytes > ConfigSource.MAX_OBJECT_BYTES) {
                problems.add("(root): " + bytes + " bytes, over the " + ConfigSource.MAX_OBJECT_BYTES
                        + " the functions read from the S3 object; split the shops across stacks");
            } else if (!toS3 && bytes > ADVANCED_LIMIT) {
                problems.add("(root): " + bytes + " bytes, over the " + ADVANCED_LIMIT
                        + " an SSM parameter (Advanced tier) holds; put it in S3 (ConfigBucketName, validate --target s3)"
                        + " or shorten it");
            }
            problems.addAll(secretReferenceProblems(text, options));
        }
        if (!problems.isEmpty()) {
            return invalid(err, options.config(), problems);
        }
        out.println("promptly-local validate: " + options.config() + " is valid" + (options.local() ? " for the local runner" : ""));
        if (toS3 && !options.local()) {
            out.println("  size: " + bytes + " bytes; fits the S3 configuration object (up to " + ConfigSource.MAX_OBJECT_BYTES + ")");
        } else if (!options.local()) {
            out.println("  size: " + bytes + " bytes; " + (bytes <= STANDARD_LIMIT
                    ? "fits a Standard SSM parameter (" + STANDARD_LIMIT + ")"
                    : "needs an Advanced SSM parameter (aws ssm put-parameter --tier Advanced; up to " + ADVANCED_LIMIT + ")"));
        }
        out.println("  shops: " + config.shops().size());
        for (ShopConfig shop : config.shops().values()) {
            var secrets = shop.secrets();
            out.println("    " + shop.domain().value() + ": languages " + String.join(", ", shop.languages()) + "; time zone " + shop.timeZone()
                    + "; secrets shopify_webhook " + secrets.shopifyWebhook() + ", messages " + secrets.messages() + ", agent_token "
                    + secrets.agentToken() + secrets.dataExportToken().map(t -> ", export_token " + t).orElse(""));
            if (!shop.templates().isEmpty()) {
                List<String> own = new ArrayList<>();
                shop.templates().sources().forEach((name, byLanguage) -> own.add(name + " (" + String.join(", ", new TreeSet<>(byLanguage.keySet())) + ")"));
                Collections.sort(own);
                out.println("      own templates: " + String.join(", ", own));
            }
        }
        return OK;
    }

    private static int invalid(PrintStream err, Path file, List<String> problems) {
        err.println("promptly-local validate: " + file + " is invalid (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):");
        problems.forEach(problem -> err.println("  - " + problem));
        return INVALID;
    }

    /**
     * Every {@code ssm:} or {@code secretsmanager:} reference in the file outside the prefixes the
     * functions' policies allow: it would parse, then fail with AccessDenied when first read. Found by
     * walking the JSON, so that they are reported even when the parser found other problems.
     */
    private static List<String> secretReferenceProblems(String text, ValidateOptions options) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return List.of(); // the parser has reported it
        }
        List<String> problems = new ArrayList<>();
        walk(root, "", (path, value) -> {
            if (value.startsWith("ssm:") && !value.substring("ssm:".length()).startsWith(options.secretsPath())) {
                problems.add(path + ": ssm: reference outside " + options.secretsPath()
                        + " (SecretsParameterPath), which the functions may not read");
            } else if (value.startsWith("secretsmanager:") && !value.substring("secretsmanager:".length()).startsWith(options.secretsManagerPrefix())) {
                problems.add(path + ": secretsmanager: reference outside " + options.secretsManagerPrefix()
                        + " (SecretsManagerPrefix), which the functions may not read");
            }
        });
        return problems;
    }

    private interface TextVisitor {
        void text(String path, String value);
    }

    /** Paths written as the parser writes them: {@code shops["a.myshopify.com"].secrets.messages}. */
    private static void walk(JsonNode node, String path, TextVisitor visitor) {
        if (node.isTextual()) {
            visitor.text(path, node.asText());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", visitor);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                String child = path.equals("shops") ? path + "[\"" + field.getKey() + "\"]"
                        : path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                walk(field.getValue(), child, visitor);
            }
        }
    }
}
