package dev.promptly.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The renderer's running counts give what looking back per node gave, on large hostile pages too. */
class HtmlBoundsTest {
    private final HtmlTextRenderer renderer = new HtmlTextRenderer();

    @Test
    void aLongOrderedListIsNumberedToTheEnd() {
        var text = renderer.render("<ol>" + "<li>x</li>".repeat(20_000) + "</ol>");

        assertTrue(text.endsWith("20000. x"), text.substring(text.length() - 20));
    }

    @Test
    void nestedListsCountTheirOwnItems() {
        var text = renderer.render("<ol><li>a<ol><li>b</li><li>c</li></ol></li><li>d</li></ol>");

        assertEquals("1. a\n\n1. b\n2. c\n\n2. d", text);
    }

    @Test
    void textInsideAndAfterPreformattedBlocksKeepsItsOwnSpacing() {
        var text = renderer.render("<pre>a   b\n c</pre><p>d   e</p>");

        assertEquals("a   b\n c\n\nd e", text);
    }

    @Test
    void cellsAfterTheFirstAreSpacedAcrossAWideRow() {
        var text = renderer.render("<table><tr>" + "<td>x</td>".repeat(5_000) + "</tr></table>");

        assertEquals(("x ".repeat(5_000)).strip(), text);
    }

    @Test
    void thousandsOfLineBreaksAroundParagraphsGiveBlankLinesOnly() {
        var text = renderer.render("<br><p></p>".repeat(20_000) + "x");

        assertEquals("x", text.strip());
    }

    @Test
    void elementsOpenedBeyondTheDepthLimitStillShowTheirText() {
        var text = renderer.render("<div>".repeat(50_000) + "x" + "</span>".repeat(50_000) + "<li>y");

        assertEquals("x\n- y", text);
    }

    @Test
    void markupThatNeverEndsIsReadOnceAndDropped() {
        assertEquals("a", renderer.render("a<p title=\"" + "b".repeat(100_000)));
        assertEquals("a", renderer.render("a<!--" + "-".repeat(100_000)));
        assertEquals("a", renderer.render("a<script>" + "<".repeat(100_000)));
        assertEquals("&".repeat(100_000), renderer.render("&".repeat(100_000)));
        assertEquals("<".repeat(100_000), renderer.render("<".repeat(100_000)));
    }

    @Test
    void aTagWithThousandsOfAttributesKeepsItsFirstOnes() {
        var html = "<a href=\"https://track.example.com/1\"" + " x=1".repeat(30_000) + ">Sendung</a>";

        assertEquals("Sendung (https://track.example.com/1)", renderer.render(html));
    }
}
