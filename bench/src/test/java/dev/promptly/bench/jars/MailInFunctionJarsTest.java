package dev.promptly.bench.jars;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two mail functions' deployment jars carry the mail code their paths use and no other, and it works there:
 * inbound-email parses MIME (Jakarta Mail, Angus's content handlers and decoders, its own renderer for HTML-only mail) and
 * holds no mail provider; outbox-sender writes MIME and sends through an SMTP relay (Angus's SMTP transport) and
 * holds no parser, HTML renderer, IMAP or POP3. {@link MailProbe} runs in a child JVM on the jar alone. Like
 * FunctionJarsAreClosedTest, each case needs the jars of {@code mvn package} and is skipped without them.
 */
class MailInFunctionJarsTest {
    private static final byte[] RECEIPT = "%PDF-1.4\n%äüöß\n".getBytes(StandardCharsets.UTF_8);
    /** An HTML-only mail with a file, as SES stores what a customer sends: quoted-printable, base64, an encoded-word subject. */
    private static final String CUSTOMER_MAIL = String.join("\r\n",
            "From: Anna Beispiel <anna.beispiel@example.com>",
            "To: support@demo-shop.example",
            "Subject: =?UTF-8?Q?Wo_ist_meine_Bestellung_#1001=3F_Gr=C3=BC=C3=9Fe?=",
            "Message-ID: " + MailProbe.CUSTOMER_MESSAGE_ID,
            "Date: Wed, 25 Nov 2026 08:59:00 +0000",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"outer\"",
            "",
            "--outer",
            "Content-Type: text/html; charset=UTF-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "<html><body><p>Hallo, wo ist meine Bestellung #1001?</p><p>Gr=C3=BC=C3=9Fe</p></body></html>",
            "--outer",
            "Content-Type: application/pdf; name=\"beleg.pdf\"",
            "Content-Disposition: attachment; filename=\"beleg.pdf\"",
            "Content-Transfer-Encoding: base64",
            "",
            Base64.getEncoder().encodeToString(RECEIPT),
            "--outer--",
            "");

    @TempDir
    Path dir;

    @Test
    void inboundEmailJarReadsAnHtmlOnlyMailWithAFileWithItsOwnClasses() throws Exception {
        Path jar = functionJar("inbound-email");

        String out = probe(jar, "parse", customerMail().toString());

        assertTrue(out.contains("subject=Wo ist meine Bestellung #1001? Grüße\n"), out);
        assertTrue(out.contains("htmlOnly=true\n"), out);
        assertTrue(out.contains("text=Hallo, wo ist meine Bestellung #1001?"), out);
        assertTrue(out.contains("Grüße"), out);
        assertTrue(out.contains("attachments=[beleg.pdf]\n"), out);
    }

    @Test
    void inboundEmailJarHoldsTheParserAndNoMailProviderOrComposer() throws IOException {
        Set<String> entries = entries(functionJar("inbound-email"));

        assertTrue(entries.contains("dev/promptly/mail/MimeMailParser.class"));
        assertTrue(entries.containsAll(List.of("dev/promptly/mail/HtmlTokenizer.class", "dev/promptly/mail/html-entities.txt")),
                "the renderer for HTML-only mail and its entity table");
        assertEquals(List.of(), named(entries, "org/jsoup/"), "no jsoup: the renderer reads HTML itself");
        assertTrue(entries.contains("org/eclipse/angus/mail/handlers/text_html.class"), "the mailcap's handlers");
        assertEquals(List.of(), named(entries, "org/eclipse/angus/mail/imap/", "org/eclipse/angus/mail/pop3/", "org/eclipse/angus/mail/smtp/",
                "org/eclipse/angus/mail/util/logging/", "dev/promptly/mail/MailComposer", "dev/promptly/mail/smtp/",
                "META-INF/services/jakarta.mail.Provider", "META-INF/jakarta.default.providers", "META-INF/javamail.default.providers"));
    }

    @Test
    void outboxSenderJarComposesAndSendsThroughAnSmtpRelayWithItsOwnClasses() throws Exception {
        Path jar = functionJar("outbox-sender");
        var relay = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.start();
        try {
            String out = probe(jar, "send", Integer.toString(relay.getSmtp().getPort()), customerMail().toString());

            MimeMessage[] received = relay.getReceivedMessages();
            assertEquals(2, received.length, out);
            MimeMessage ack = received[0];
            assertEquals(MailProbe.ACK_MESSAGE_ID, ack.getMessageID(), "the Message-ID replies thread on, as recorded");
            assertEquals(MailProbe.CUSTOMER_MESSAGE_ID, ack.getHeader("In-Reply-To", null));
            assertEquals(MailProbe.CUSTOMER_MESSAGE_ID, ack.getHeader("References", null));
            assertEquals("Ihre Anfrage zu Bestellung #1001 – wir melden uns", ack.getSubject());
            assertEquals("Demo Shop <support@demo-shop.example>", ack.getFrom()[0].toString());
            var alternative = (Multipart) ack.getContent();
            assertTrue(alternative.getContentType().startsWith("multipart/alternative"), alternative.getContentType());
            assertEquals("Grüße aus dem Laden", alternative.getBodyPart(0).getContent());
            assertEquals("<p>Grüße aus dem <b>Laden</b></p>", alternative.getBodyPart(1).getContent());
            MimeMessage copy = received[1];
            var mixed = (Multipart) copy.getContent();
            assertEquals(2, mixed.getCount());
            assertEquals("Anbei der Beleg.", mixed.getBodyPart(0).getContent());
            assertEquals("beleg.pdf", mixed.getBodyPart(1).getFileName());
            assertArrayEquals(RECEIPT, mixed.getBodyPart(1).getInputStream().readAllBytes(), "the customer's file, as sent");
        } finally {
            relay.stop();
        }
    }

    @Test
    void outboxSenderJarHoldsTheComposerAndSmtpAndNoParserHtmlRendererImapOrPop3() throws IOException {
        Set<String> entries = entries(functionJar("outbox-sender"));

        assertTrue(entries.contains("dev/promptly/mail/MailComposer.class"));
        assertTrue(entries.contains("org/eclipse/angus/mail/smtp/SMTPTransport.class"), "the SMTP relay (SmtpHost)");
        assertEquals(List.of(), named(entries, "org/jsoup/", "dev/promptly/mail/MimeMailParser", "dev/promptly/mail/Html",
                "dev/promptly/mail/html-entities.txt",
                "org/eclipse/angus/mail/imap/", "org/eclipse/angus/mail/pop3/", "org/eclipse/angus/mail/util/logging/",
                "META-INF/jakarta.default.providers", "META-INF/javamail.default.providers"));
    }

    private Path customerMail() throws IOException {
        Path file = dir.resolve("customer-mail.eml");
        if (!Files.exists(file)) {
            Files.writeString(file, CUSTOMER_MAIL, StandardCharsets.UTF_8);
        }
        return file;
    }

    /** Runs MailProbe on the jar and this class alone; returns what it printed, failing when it fails. */
    private String probe(Path jar, String... args) throws Exception {
        return probe(dir, MailProbe.class, jar, args);
    }

    /** Runs a probe class (one class file, with a main) on the jar and itself alone; returns what it printed, failing when it fails. */
    static String probe(Path dir, Class<?> probeClass, Path jar, String... args) throws Exception {
        Path probeClasses = dir.resolve("probe");
        Path probe = Path.of(probeClass.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(probeClass.getName().replace('.', '/') + ".class");
        Path copied = probeClasses.resolve(probeClass.getName().replace('.', '/') + ".class");
        Files.createDirectories(copied.getParent());
        Files.copy(probe, copied, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Dsun.stderr.encoding=UTF-8",
                "-cp", jar + File.pathSeparator + probeClasses, probeClass.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe ends");
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    static Path functionJar(String module) {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isRegularFile(root.resolve("template.yaml"))) {
            root = root.getParent();
        }
        Path jar = java.util.Objects.requireNonNull(root, "no template.yaml above the working directory")
                .resolve("functions/" + module + "/target/promptly-" + module + "-function.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar), jar + " is not built: run mvn package to check it");
        return jar;
    }

    private static Set<String> entries(Path jar) throws IOException {
        try (var file = new JarFile(jar.toFile())) {
            return file.stream().map(e -> e.getName()).collect(Collectors.toSet());
        }
    }

    private static List<String> named(Set<String> entries, String... prefixes) {
        return entries.stream().filter(e -> List.of(prefixes).stream().anyMatch(e::startsWith)).sorted().toList();
    }
}
