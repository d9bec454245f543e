package dev.promptly.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written renderer gives, character for character, the text the jsoup-based renderer it replaced gave
 * ({@link JsoupTextRenderer}): on mail as clients write it, and on many generated documents that leave out what
 * HTML lets a writer leave out (end tags of paragraphs, items and cells, quotes around attributes, semicolons).
 */
class HtmlTextRendererAgreesWithJsoupTest {
    private final HtmlTextRenderer renderer = new HtmlTextRenderer();
    private final JsoupTextRenderer reference = new JsoupTextRenderer();

    static List<String> mailAsClientsWriteIt() {
        return List.of(
                // Gmail
                "<div dir=\"ltr\">Hallo zusammen,<div><br></div><div>wo bleibt meine Bestellung #10452? Seit 9 Tagen"
                        + " steht bei DHL &quot;in Zustellung&quot;.</div><div><br></div><div>Gr&uuml;&szlig;e<br>Jana</div></div>"
                        + "<br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">Am Mo., 2. Nov. 2026 um 09:14 Uhr"
                        + " schrieb Shop &lt;<a href=\"mailto:info@example.de\">info@example.de</a>&gt;:<br></div>"
                        + "<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204)\">"
                        + "Ihre Bestellung wurde versendet.<br>Sendungsnummer: <a href=\"https://track.example.com/00340434161234567890\">"
                        + "00340434161234567890</a></blockquote></div>",
                // Outlook (Word HTML)
                "<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\">"
                        + "<head><meta http-equiv=Content-Type content=\"text/html; charset=iso-8859-1\"><meta name=Generator "
                        + "content=\"Microsoft Word 15 (filtered medium)\"><style><!--\n/* Font Definitions */\n@font-face\n\t{font-family:"
                        + "\"Cambria Math\";}\np.MsoNormal, li.MsoNormal\n\t{margin:0cm;}\n--></style><!--[if gte mso 9]><xml>\n"
                        + "<o:shapedefaults v:ext=\"edit\" spidmax=\"1026\" />\n</xml><![endif]--></head><body lang=DE link=\"#0563C1\">"
                        + "<div class=WordSection1><p class=MsoNormal>Sehr geehrte Damen und Herren,<o:p></o:p></p><p class=MsoNormal>"
                        + "<o:p>&nbsp;</o:p></p><p class=MsoNormal>bitte teilen Sie uns den Liefertermin f&uuml;r unseren Auftrag"
                        + " 20931 mit.<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Mit freundlichen"
                        + " Gr&uuml;&szlig;en<o:p></o:p></p><p class=MsoNormal><b><span style='color:#1F3864'>Maria Beispiel"
                        + "</span></b><o:p></o:p></p><p class=MsoNormal>Einkauf | Tel. +49 30 1234567<o:p></o:p></p>"
                        + "<table class=MsoNormalTable border=0 cellpadding=0><tr><td style='padding:0'><p class=MsoNormal>"
                        + "Beispiel GmbH<o:p></o:p></p></td><td><p class=MsoNormal>USt-IdNr. DE123456789<o:p></o:p></p></td></tr>"
                        + "</table></div></body></html>",
                // Apple Mail
                "<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\"></head><body dir=\"auto\">"
                        + "Hi,<div><br></div><div>my order 4711 still hasn&rsquo;t arrived &#8212; any news?</div><div><br>"
                        + "<div dir=\"ltr\">Sent from my iPhone</div><div dir=\"ltr\"><br><blockquote type=\"cite\">On 3 Nov 2026,"
                        + " at 10:02, Shop &lt;hello@example.com&gt; wrote:<br><br></blockquote></div><blockquote type=\"cite\">"
                        + "<div dir=\"ltr\">\uFEFF<p>Your order is on its way!</p><ul><li>Mug &times; 2<li>Plate</ul></div>"
                        + "</blockquote></div></body></html>",
                // A shop's own notification, table layout
                "<!DOCTYPE html><html><head><title>Order #1045 shipped</title><style>td{padding:0}</style></head><body>"
                        + "<table width=\"100%\"><tbody><tr><td><h2>Your order is on the way</h2><p>Hi Sam,<br>good news:"
                        + "</p></td></tr><tr><td><a href=\"https://shop.example.com/orders/abc?key=1&amp;x=2\">View your order"
                        + "</a> or <a href=https://track.example.com/1Z999>track.example.com/1Z999</a></td></tr><tr><th>Item"
                        + "<th>Qty<tr><td>Espresso beans 1&nbsp;kg<td>2</table><pre>Ref:   A-12\n  Box 3</pre>"
                        + "<ol><li>one<li>two<ol><li>two.a</ol><li>three</ol><dl><dt>Total<dd>&euro;&#160;42,50</dl>"
                        + "<script>var x = \"</div>\";</script><noscript>Enable JavaScript</noscript><p>Thanks<p>Your shop</body></html>",
                // Yahoo / web forms with loose markup
                "<div>hallo<p>ich warte<br/>seit 2 wochen &amp auf mein paket<p>lg<BR>Tom</div><center>--<br>"
                        + "Gesendet mit <A HREF='https://mail.example.org'>Example Mail</A></center><hr>"
                        + "<h3>Alte Nachricht</h3><h4>Betreff: Bestellung<h4>Von: Shop</h4><textarea>a &lt; b</textarea>"
                        + "<select><option>x</select> < 5 items & more <!-- note --> done <? odd ?> end </ p> x");
    }

    @ParameterizedTest
    @MethodSource("mailAsClientsWriteIt")
    void mailAsClientsWriteItReadsTheSame(String html) {
        assertEquals(reference.render(html), renderer.render(html));
    }

    @Test
    void generatedDocumentsReadTheSame() {
        var random = new Random(20261207L);
        for (int i = 0; i < 3_000; i++) {
            String html = new Generator(random).document();
            assertEquals(reference.render(html), renderer.render(html), html);
        }
    }

    /** Documents nested properly, but leaving out what HTML allows to leave out, with mail's usual elements. */
    private static final class Generator {
        private static final String[] INLINE = {"b", "i", "span", "font", "strong", "em", "u", "small", "o:p"};
        private static final String[] BLOCK = {"div", "p", "blockquote", "h1", "h3", "center", "section", "pre"};
        private static final String[] WORDS = {"Hallo", "wo", "ist", "meine", "Bestellung", "#4711", "order", "12345",
                "&amp;", "&nbsp;", "&uuml;", "&auml", "&#228;", "&#x20AC;", "&lt;3", "R&D", "a < b", "  ", "\n", "\t", " x ",
                "&copy 2026", "&notit;", "&hellip;", "\u00A0", "Grüße"};
        /** Constructs mail seldom has but a browser reads in its own way. */
        private static final String[] ODD = {"</br>", "</p>", "<textarea>a &lt; b</textarea>",
                "<script>if (a<b) document.write('</div>')</script>", "<style>/*<p>*/</style>", "<![CDATA[x<y]]>",
                "<!--a--!>b", "<p title='a>b'>t</p>", "<a href=\"https://track.example.com/1?a=1&amp;b=2\">Sendung</a>",
                "<xmp><b>x</b></xmp>", "<iframe>x</iframe>", "<noscript>n</noscript>", "<template><p>t</p></template>",
                "<select><option>o</select>", "<div/>", "<br/ >", "<li>stray", "<dl><dt>a<dd>b</dl>", "<!---->x",
                "<? pi ?>", "</>", "</ x>", "<3", "<a href=https://track.example.com/1045><b>track.example.com/1045</b></a>",
                "<pre>\n\nx</pre>", "<table><caption>c</caption><tr><td>a</table>", "<h2>a</h4>"};
        private final Random random;
        private final StringBuilder out = new StringBuilder();

        Generator(Random random) {
            this.random = random;
        }

        String document() {
            if (random.nextInt(4) == 0) {
                out.append(random.nextBoolean() ? "<!DOCTYPE html>" : "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">");
            }
            if (random.nextInt(3) == 0) {
                out.append("<html><head><title>t &amp; t</title><style>p{x:1}</style>");
                if (random.nextBoolean()) {
                    out.append("</head>");
                }
                out.append("<body>");
            }
            flow(0);
            return out.toString();
        }

        private void flow(int depth) {
            int parts = 1 + random.nextInt(depth > 3 ? 2 : 5);
            for (int i = 0; i < parts; i++) {
                switch (random.nextInt(depth > 4 ? 3 : 11)) {
                    case 0, 1 -> words();
                    case 2 -> inline(depth);
                    case 3, 4 -> block(depth);
                    case 5 -> list(depth);
                    case 6 -> table(depth);
                    case 7 -> link();
                    case 8 -> out.append(random.nextBoolean() ? "<br>" : random.nextBoolean() ? "<br/>" : "<hr>");
                    case 9 -> out.append(ODD[random.nextInt(ODD.length)]);
                    default -> out.append(random.nextBoolean() ? "<!-- c -->" : "<img src=x alt=\"y\">");
                }
            }
        }

        private void words() {
            int count = 1 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                out.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(3) == 0 ? "" : " ");
            }
        }

        private void inline(int depth) {
            String tag = INLINE[random.nextInt(INLINE.length)];
            out.append('<').append(tag).append(random.nextBoolean() ? " style='color:red'>" : ">");
            words();
            if (random.nextBoolean()) {
                inline(depth + 1);
            }
            out.append("</").append(tag).append('>');
        }

        private void block(int depth) {
            String tag = BLOCK[random.nextInt(BLOCK.length)];
            out.append('<').append(random.nextInt(5) == 0 ? tag.toUpperCase() : tag).append(" class=x>");
            if (tag.equals("p") || tag.equals("pre")) {
                words();
                if (random.nextBoolean()) {
                    inline(depth + 1);
                }
                if (tag.equals("pre") || random.nextBoolean()) {
                    out.append("</").append(tag).append('>');
                }
                return;
            }
            flow(depth + 1);
            out.append("</").append(tag).append('>');
        }

        private void list(int depth) {
            String tag = random.nextBoolean() ? "ol" : "ul";
            out.append('<').append(tag).append('>');
            int items = 1 + random.nextInt(4);
            for (int i = 0; i < items; i++) {
                out.append("<li>");
                if (random.nextInt(4) == 0) {
                    flow(depth + 2);
                } else {
                    words();
                }
                if (random.nextBoolean()) {
                    out.append("</li>");
                }
            }
            out.append("</").append(tag).append('>');
        }

        private void table(int depth) {
            out.append("<table>");
            if (random.nextBoolean()) {
                out.append("<tbody>");
            }
            int rows = 1 + random.nextInt(3);
            for (int r = 0; r < rows; r++) {
                out.append("<tr>");
                int cells = 1 + random.nextInt(3);
                for (int c = 0; c < cells; c++) {
                    out.append(random.nextInt(4) == 0 ? "<th>" : "<td>");
                    if (random.nextInt(3) == 0) {
                        flow(depth + 2);
                    } else {
                        words();
                    }
                    if (random.nextBoolean()) {
                        out.append("</td>");
                    }
                }
                if (random.nextBoolean()) {
                    out.append("</tr>");
                }
            }
            out.append("</table>");
        }

        private void link() {
            String href = random.nextBoolean() ? "https://track.example.com/1045" : "mailto:a@example.com";
            out.append(random.nextBoolean() ? "<a href=\"" + href + "\">" : "<a href=" + href + ">");
            if (random.nextBoolean()) {
                out.append(href.replace("https://", ""));
            } else {
                words();
            }
            out.append("</a>");
        }
    }
}
