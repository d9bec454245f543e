package dev.promptly.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTextRendererTest {
    private final HtmlTextRenderer renderer = new HtmlTextRenderer();

    @Test
    void gmailStyleDivsWithEmptyLinesKeepTheirBlankLine() {
        String html = "<div dir=\"ltr\"><div>Hallo,</div><div><br></div><div>wo ist mein Paket?</div></div>";

        String text = renderer.render(html);

        assertEquals("Hallo,\n\nwo ist mein Paket?", text);
    }

    @Test
    void listsGetMarkersAndNumbers() {
        String html = "<p>Bestellt:</p><ul><li>Tasse</li><li>Teller</li></ul><ol><li>erst</li><li>dann</li></ol>";

        String text = renderer.render(html);

        assertEquals("Bestellt:\n\n- Tasse\n- Teller\n\n1. erst\n2. dann", text);
    }

    @Test
    void stylesScriptsAndTheHeadAreDropped() {
        String html = "<html><head><title>Betreff</title><style>.x{color:red}</style></head>"
                + "<body><script>alert(1)</script><p class=\"x\">Nur&nbsp;das</p></body></html>";

        String text = renderer.render(html);

        assertEquals("Nur das", text);
    }

    @Test
    void preformattedTextKeepsItsSpacesAndLines() {
        String html = "<p>Sendung:</p><pre>Nr.   1045\nStatus  unterwegs</pre>";

        String text = renderer.render(html);

        assertEquals("Sendung:\n\nNr.   1045\nStatus  unterwegs", text);
    }

    @Test
    void tableRowsBecomeLinesAndCellsAreSpaced() {
        String html = "<table><tr><td>Tasse</td><td>1</td></tr><tr><td>Teller</td><td>2</td></tr></table>";

        String text = renderer.render(html);

        assertEquals("Tasse 1\nTeller 2", text);
    }

    @Test
    void linkShowingItsOwnAddressIsNotRepeated() {
        String html = "<p>Tracking: <a href=\"https://track.example.com/1045/\">track.example.com/1045</a></p>";

        String text = renderer.render(html);

        assertEquals("Tracking: track.example.com/1045", text);
    }
}
