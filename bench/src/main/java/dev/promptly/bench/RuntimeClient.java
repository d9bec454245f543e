package dev.promptly.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * AWS's Lambda runtime interface client ({@code com.amazonaws:aws-lambda-java-runtime-interface-client},
 * copied with its runtime libraries to {@code bench/target/lambda-runtime/} by {@code mvn package}) as the
 * cold-start bench runs it: its classpath next to a function jar, its JNI library, and the environment
 * Lambda sets for a function.
 */
final class RuntimeClient {
    static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Read by the client's {@code JniHelper}: load this file instead of copying the library out of the jar. */
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final String JNI_ENTRY = "jni/libaws-lambda-jni.linux-x86_64.so";

    private final List<Path> jars;
    private final Path jniLibrary;

    private RuntimeClient(List<Path> jars, Path jniLibrary) {
        this.jars = List.copyOf(jars);
        this.jniLibrary = jniLibrary;
    }

    /** The client's jars from {@code libraries}, and its linux x86_64 JNI library unpacked once into {@code scratch}. */
    static RuntimeClient from(Path libraries, Path scratch) throws IOException {
        if (!Files.isDirectory(libraries)) {
            throw new IllegalStateException(libraries + " is missing: build with mvn -q -B -DskipTests package");
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(libraries)) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
        Path client = jars.stream().filter(j -> j.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no runtime interface client jar in " + libraries));
        Path library = Files.createDirectories(scratch).resolve("libaws-lambda-jni.so");
        try (var zip = new ZipFile(client.toFile())) {
            var entry = zip.getEntry(JNI_ENTRY);
            if (entry == null) {
                throw new IllegalStateException(client + " has no " + JNI_ENTRY);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return new RuntimeClient(jars, library);
    }

    /** The client's jars first, then the function's: as in Lambda, the runtime's classes win. */
    String classpath(Path functionJar) {
        return Stream.concat(jars.stream(), Stream.of(functionJar)).map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    Path jniLibrary() {
        return jniLibrary;
    }

    /**
     * The variables Lambda's runtime sets for a function (its reserved ones, "Defined runtime environment
     * variables", https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html), with the memory
     * size of template.yaml. Region and credentials stay the bench's own (DynamoDB Local keeps one database
     * per access key and region).
     */
    static Map<String, String> lambdaEnvironment(String function, String handler, String runtimeApi, Path taskRoot) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("_HANDLER", handler);
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
        env.put("AWS_LAMBDA_FUNCTION_NAME", function);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]bench");
        env.put("AWS_DEFAULT_REGION", "eu-central-1");
        env.put("AWS_SESSION_TOKEN", "local");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", taskRoot.toString());
        return env;
    }

    /**
     * The answer as the bench's checks read it: an HTTP API response (what the client encoded from the
     * handler's {@code APIGatewayV2HTTPResponse}) as {@code status <code> <body>}, anything else as posted.
     */
    static String readable(String kind, String posted) {
        if (!kind.equals("http")) {
            return posted;
        }
        JsonNode answer = BenchEvents.tree(posted);
        return "status " + answer.path("statusCode").asInt() + " " + answer.path("body").asText();
    }
}
