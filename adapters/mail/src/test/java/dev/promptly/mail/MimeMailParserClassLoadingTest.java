package dev.promptly.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.app.inbound.ParsedMail;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What reading a mail loads, counted in a class loader of its own (as a fresh Lambda JVM would load them):
 * the inbound-email function's cold start pays for every class its init and first mail load.
 */
class MimeMailParserClassLoadingTest {
    private static final List<String> HTML_RENDERING = List.of("dev.promptly.mail.HtmlTokenizer",
            "dev.promptly.mail.HtmlEntities", "dev.promptly.mail.HtmlTextRenderer$Walk");

    @Test
    void a_plain_text_mail_is_read_without_a_mail_session_or_the_html_parser() throws Exception {
        // given the parser in a class loader that records what mail and HTML classes it loads
        var loader = new RecordingLoader();
        Object parser = newParser(loader);
        assertTrue(loader.loaded().stream().noneMatch(HTML_RENDERING::contains),
                "building the parser loads no HTML rendering: " + loader.loaded());

        // when it reads a plain-text mail
        ParsedMail mail = parse(parser, resource("plain-utf8.eml"));

        // then the mail is read in full, and neither a Jakarta Mail Session (its provider lists, event queue and
        // java.util.logging) nor the HTML tokenizer and entity table was loaded for it
        assertFalse(mail.text().isBlank());
        assertTrue(mail.fromAddress().contains("@"));
        assertFalse(loader.loaded().contains("jakarta.mail.Session"), "loaded jakarta.mail.Session");
        assertTrue(loader.loaded().contains("jakarta.mail.internet.MimeMessage"), "the recording sees Jakarta Mail");
        assertTrue(loader.loaded().stream().noneMatch(HTML_RENDERING::contains), "loaded HTML rendering");
    }

    @Test
    void an_html_only_mail_loads_the_html_parser_when_it_is_read_and_still_no_session() throws Exception {
        // given the parser in a recording class loader
        var loader = new RecordingLoader();
        Object parser = newParser(loader);

        // when it reads a base64-encoded HTML-only mail
        ParsedMail mail = parse(parser, resource("html-only-base64.eml"));

        // then the text is rendered from the HTML (its tokenizer and entity table loaded now), without a Session
        assertTrue(mail.htmlOnly());
        assertFalse(mail.text().contains("<"), mail.text());
        assertTrue(loader.loaded().containsAll(HTML_RENDERING), loader.loaded().toString());
        assertFalse(loader.loaded().contains("jakarta.mail.Session"), "loaded jakarta.mail.Session");
        assertEquals(parse(new MimeMailParser(), resource("html-only-base64.eml")).text(), mail.text());
    }

    private static Object newParser(ClassLoader loader) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return loader.loadClass(MimeMailParser.class.getName()).getConstructor().newInstance();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** Parses with the parser's own loader as the context loader, as in Lambda, where one loader holds the jar. */
    private static ParsedMail parse(Object parser, byte[] raw) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(parser.getClass().getClassLoader());
        try {
            return (ParsedMail) parser.getClass().getMethod("parse", byte[].class).invoke(parser, (Object) raw);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = MimeMailParserClassLoadingTest.class.getResourceAsStream("/mime/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Defines the mail adapter, Jakarta Mail and Angus itself (child first) and records each name; the
     * rest (the app's ParsedMail, the JDK) comes from the test's loader, so results can be read as usual.
     */
    private static final class RecordingLoader extends ClassLoader {
        private static final List<String> OWN = List.of("dev.promptly.mail.", "jakarta.mail.", "jakarta.activation.",
                "org.eclipse.angus.");
        private final List<String> loaded = Collections.synchronizedList(new ArrayList<>());

        RecordingLoader() {
            super(MimeMailParserClassLoadingTest.class.getClassLoader());
        }

        List<String> loaded() {
            return List.copyOf(loaded);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (OWN.stream().noneMatch(name::startsWith) || name.endsWith("Test") || name.contains("Test$")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                        loaded.add(name);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
