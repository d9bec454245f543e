package dev.promptly.bench.jars;

import java.util.List;

/**
 * What a function jar may reference without holding it: libraries its libraries probe for and use only when
 * present, and the adapters the composition root names for other functions. Anything else missing fails
 * JarReferenceCheck.
 */
public final class FunctionJarAllowances {
    private FunctionJarAllowances() {
    }

    public static final List<JarReferenceCheck.Allowance> ALL = List.of(
            new JarReferenceCheck.Allowance("software/amazon/awssdk/crt/", "software/amazon/awssdk/",
                    "the AWS Common Runtime (aws-crt, native): the SDK's SigV4a signer and CRC32C/CRC64/xxHash checksums use it"
                            + " only when it is on the class path (CrtUtils, ChecksumProvider check first); we sign SigV4 in Java"),
            new JarReferenceCheck.Allowance("software/amazon/awssdk/crtcore/", "software/amazon/awssdk/http/auth/aws/crt/",
                    "the SDK's CRT glue, used by the same optional CRT signer"),
            new JarReferenceCheck.Allowance("org/slf4j/impl/", "org/slf4j/",
                    "SLF4J 1.x looks for a binding (StaticLoggerBinder and friends) and falls back to no logging without one"),
            new JarReferenceCheck.Allowance("com/fasterxml/jackson/core/internal/shaded/fdp/", "com/fasterxml/jackson/core/",
                    "jackson-core's FastDoubleParser, left out of every jar: NumberInput calls it only when a factory enables"
                            + " USE_FAST_DOUBLE_PARSER or USE_FAST_BIG_NUMBER_PARSER, which Promptly's (JsonTrees) does not"
                            + " (JsonTreesWithoutFastNumbersTest); the SDK's shaded copy of it stays"),
            new JarReferenceCheck.Allowance("com/fasterxml/jackson/core/io/schubfach/", "com/fasterxml/jackson/core/",
                    "jackson-core's Schubfach double writer, left out of every jar: NumberOutput calls it only with"
                            + " USE_FAST_DOUBLE_WRITER, which Promptly's factory does not enable (JsonTreesWithoutFastNumbersTest)"),
            // No allowance for the Admin API adapter (dev/promptly/shopify/admin/): every jar that holds its factory
            // (ShopifyAdminParts) runs a use case that calls it, so a jar without it would fail at init.
            optionalAdapter("dev/promptly/mail/"),
            optionalAdapter("dev/promptly/alert/slack/"),
            optionalAdapter("dev/promptly/whatsapp/"),
            optionalAdapter("dev/promptly/helpdesk/"));

    /**
     * The composition root (wiring's Deployment, AwsAdapters and wiring classes) names every adapter, each only in the factory of the
     * use case that runs it; a function module depends on the adapters its use cases run (wiring declares them
     * optional), so the others are absent and their factories never run there.
     */
    private static JarReferenceCheck.Allowance optionalAdapter(String adapterPackage) {
        return new JarReferenceCheck.Allowance(adapterPackage, "dev/promptly/wiring/",
                "an adapter this function does not run, named by the composition root's factory for the functions that do");
    }
}
