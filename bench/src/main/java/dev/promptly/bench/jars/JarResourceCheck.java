package dev.promptly.bench.jars;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * Whether a deployment jar holds the resources its classes load. The function poms leave resources out that
 * no code path of the function reads (the intent model), and minimizeJar never drops a resource, so a jar that
 * holds a class which loads a resource must hold that resource too, or the class fails when it runs
 * (IntentModel: "no intent model on the classpath").
 *
 * <p>What a class loads is read from its constant pool (ClassFileReferences' string constants): every string
 * constant of a Promptly class that names a file under {@code dev/promptly/} (a last path segment with a dot,
 * not a class), such as IntentModel's {@code dev/promptly/wismo/intent-model.bin.gz}. Names a class builds at
 * run time (LanguageData's {@code dev/promptly/<kind>/<language>.txt}) are in no constant pool whole; the
 * {@link Loads} table names those.
 */
public final class JarResourceCheck {
    private static final String OWN = "dev/promptly/";
    private static final Pattern RESOURCE = Pattern.compile("dev/promptly/(?:[\\w-]+/)*[\\w-][\\w.-]*\\.[\\w]+");

    private final List<Loads> table;

    public JarResourceCheck(List<Loads> table) {
        this.table = List.copyOf(table);
    }

    /** Resources a class loads by names built at run time: a jar holding {@code className} must hold them all. */
    public record Loads(String className, List<String> resources, String why) {
        public Loads {
            resources = List.copyOf(resources);
        }
    }

    /** A resource the jar lacks, with one of its classes that loads it. */
    public record Missing(String resource, String loadedBy) {
        @Override
        public String toString() {
            return resource + " (loaded by " + loadedBy.replace('/', '.') + ")";
        }
    }

    /** The resources the jar's classes load but the jar lacks, by name. */
    public List<Missing> missing(Path jar) {
        Set<String> entries = new HashSet<>();
        Map<String, String> loaded = new TreeMap<>();
        try (var file = new JarFile(jar.toFile())) {
            var all = file.entries();
            while (all.hasMoreElements()) {
                var entry = all.nextElement();
                String name = entry.getName();
                entries.add(name);
                if (!name.startsWith(OWN) || !name.endsWith(".class")) {
                    continue;
                }
                byte[] bytes;
                try (var in = file.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                var result = ClassFileReferences.of(bytes);
                for (String constant : result.strings()) {
                    String resource = constant.startsWith("/") ? constant.substring(1) : constant;
                    if (namesResource(resource)) {
                        loaded.putIfAbsent(resource, result.className());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        for (Loads loads : table) {
            if (entries.contains(loads.className() + ".class")) {
                loads.resources().forEach(resource -> loaded.putIfAbsent(resource, loads.className()));
            }
        }
        return loaded.entrySet().stream().filter(e -> !entries.contains(e.getKey()))
                .map(e -> new Missing(e.getKey(), e.getValue())).toList();
    }

    /**
     * A file under dev/promptly/, such as {@code dev/promptly/wismo/intent-model.bin.gz}: not a folder or prefix, not
     * a class, and not a string concatenation recipe ({@code dev/promptly/<U+0001>/<U+0001>.txt}, the constant javac
     * gives StringConcatFactory for a name built at run time, which the {@link Loads} table covers).
     */
    static boolean namesResource(String constant) {
        return RESOURCE.matcher(constant).matches() && !constant.endsWith(".class");
    }
}
