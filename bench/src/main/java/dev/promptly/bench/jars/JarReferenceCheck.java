package dev.promptly.bench.jars;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a deployment jar is closed: every class a class in it uses (ClassFileReferences) and every class its
 * ServiceLoader, SDK interceptor, mailcap and mail provider files name is in the jar or in the JDK, but for the
 * references an {@link Allowance} explains. A jar that fails this can throw NoClassDefFoundError (or VerifyError,
 * when the verifier needs a missing class's supertypes) on some path. One that passes can still lack a class code
 * loads by a name in a string ({@code Class.forName}); the function poms keep the libraries that do so whole
 * (Jackson databind, Jakarta Mail), and the cold-start bench runs each function's path through the jar.
 */
public final class JarReferenceCheck {
    private final List<Allowance> allowances;
    private final Map<String, Boolean> jdk = new HashMap<>();

    public JarReferenceCheck(List<Allowance> allowances) {
        this.allowances = List.copyOf(allowances);
    }

    /**
     * Missing classes a jar may reference: those under {@code missingPrefix} (internal name prefix, such as
     * {@code org/slf4j/impl/}) when the referring class's name starts with {@code fromPrefix} ("" for any).
     */
    public record Allowance(String missingPrefix, String fromPrefix, String why) {
        boolean allows(String from, String missing) {
            return missing.startsWith(missingPrefix) && from.startsWith(fromPrefix);
        }
    }

    /** One class the jar lacks, with the jar's classes that reference it. */
    public record Dangling(String missing, Set<String> referencedBy) {
        @Override
        public String toString() {
            var from = new ArrayList<>(referencedBy);
            String shown = String.join(", ", from.subList(0, Math.min(3, from.size())).stream().map(JarReferenceCheck::named).toList());
            return named(missing) + " (referenced by " + shown
                    + (from.size() > 3 ? " and " + (from.size() - 3) + " more" : "") + ")";
        }
    }

    private static String named(String internalName) {
        return internalName.startsWith("META-INF/") || internalName.contains(".") ? internalName : internalName.replace('/', '.');
    }

    /** The classes the jar references but neither holds nor finds in the JDK, nor has an allowance for, by name. */
    public List<Dangling> dangling(Path jar) {
        Map<String, Set<String>> references = new HashMap<>();
        Set<String> present = new HashSet<>();
        try (var file = new JarFile(jar.toFile())) {
            var entries = file.entries();
            while (entries.hasMoreElements()) {
                var entry = entries.nextElement();
                String name = entry.getName();
                if (namesClasses(name) && !entry.isDirectory()) {
                    references.computeIfAbsent(name, n -> new HashSet<>()).addAll(namedIn(file, entry, name));
                    continue;
                }
                if (!name.endsWith(".class") || name.endsWith("module-info.class")) {
                    continue;
                }
                byte[] bytes;
                try (var in = file.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                var result = ClassFileReferences.of(bytes);
                present.add(result.className());
                // Multi-release variants (META-INF/versions/<n>/...) are checked too: a newer JVM loads them.
                references.computeIfAbsent(result.className(), n -> new HashSet<>()).addAll(result.references());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        Map<String, Set<String>> missing = new TreeMap<>();
        references.forEach((from, names) -> {
            for (String name : names) {
                if (!present.contains(name) && !inJdk(name) && !allowed(from, name)) {
                    missing.computeIfAbsent(name, n -> new TreeSet<>()).add(from);
                }
            }
        });
        return missing.entrySet().stream().map(e -> new Dangling(e.getKey(), e.getValue())).toList();
    }

    /**
     * Resources that name classes loaded by name: ServiceLoader files (java.util.ServiceLoader), the SDK's
     * {@code execution.interceptors} files (ClasspathInterceptorChainFactory), Jakarta Activation's mailcap files
     * ({@code x-java-content-handler=}, the content handlers of MIME parts) and Jakarta Mail's provider files
     * ({@code class=}, the stores and transports Session loads by name: {@code META-INF/jakarta.*providers}, read
     * first, and the older {@code javamail.*providers}).
     */
    private static boolean namesClasses(String name) {
        return name.startsWith("META-INF/services/") || name.endsWith("/execution.interceptors")
                || name.equals("META-INF/mailcap") || name.equals("META-INF/jakarta.mailcap")
                || (name.startsWith("META-INF/javamail.") || name.startsWith("META-INF/jakarta.")) && name.endsWith("providers");
    }

    private static final Pattern NAMED_IN_PROPERTIES = Pattern.compile("(?:x-java-content-handler|class)=\\s*([\\w.$]+)");

    private static Set<String> namedIn(JarFile file, JarEntry entry, String name) throws IOException {
        Set<String> named = new HashSet<>();
        if (name.startsWith("META-INF/services/")) {
            named.add(name.substring("META-INF/services/".length()).replace('.', '/'));
        }
        String text;
        try (var in = file.getInputStream(entry)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        boolean lines = name.startsWith("META-INF/services/") || name.endsWith("/execution.interceptors");
        for (String line : text.split("\\R")) {
            String content = line.replaceAll("#.*", "").trim();
            if (lines && !content.isEmpty()) {
                named.add(content.replace('.', '/'));
            } else if (!lines) {
                Matcher matcher = NAMED_IN_PROPERTIES.matcher(content);
                while (matcher.find()) {
                    named.add(matcher.group(1).replace('.', '/'));
                }
            }
        }
        return named;
    }

    private boolean allowed(String from, String missing) {
        return allowances.stream().anyMatch(a -> a.allows(from, missing));
    }

    /** On the platform class loader (no class path): the JDK's own classes, loaded but not initialised. */
    private boolean inJdk(String name) {
        return jdk.computeIfAbsent(name, n -> {
            try {
                Class.forName(n.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        });
    }

    /**
     * {@code java -cp bench/target/promptly-bench.jar dev.promptly.bench.jars.JarReferenceCheck <jar>...}: lists dangling
     * references and the resources a jar's classes load but it lacks (JarResourceCheck), exit 1 if any.
     */
    public static void main(String[] args) {
        var check = new JarReferenceCheck(FunctionJarAllowances.ALL);
        var resources = new JarResourceCheck(FunctionJarResources.LOADED_BY_NAME);
        boolean closed = true;
        for (String jar : args) {
            var dangling = check.dangling(Path.of(jar));
            var missing = resources.missing(Path.of(jar));
            System.out.println(jar + ": " + (dangling.isEmpty() && missing.isEmpty() ? "closed"
                    : dangling.size() + " missing classes, " + missing.size() + " missing resources"));
            dangling.forEach(d -> System.out.println("  " + d));
            missing.forEach(m -> System.out.println("  " + m));
            closed &= dangling.isEmpty() && missing.isEmpty();
        }
        System.exit(closed ? 0 : 1);
    }
}
