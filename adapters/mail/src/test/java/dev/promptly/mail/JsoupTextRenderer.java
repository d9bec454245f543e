package dev.promptly.mail;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * The jsoup-based renderer HtmlTextRenderer replaced, kept as the reference its text is compared with
 * (HtmlTextRendererAgreesWithJsoupTest).
 *
 * Turns an HTML mail body into the text a reader would see, keeping its line structure: {@code <br>}
 * breaks a line, paragraphs and headings are separated by a blank line, other blocks start on a new
 * line, list items get a {@code "- "} or {@code "1. "} marker and a link whose text is not its address is
 * followed by the address in parentheses, since a customer's tracking or order link matters. Whitespace
 * collapses as a browser collapses it, except inside {@code <pre>}. Scripts, styles and the head are
 * dropped; entities are decoded by jsoup.
 *
 * <p>Stateless and thread-safe.
 */
final class JsoupTextRenderer {
    private static final Set<String> SKIPPED = Set.of("head", "script", "style", "template", "noscript", "title");
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
            "pre", "ul", "ol", "dl", "table", "hr");
    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "center", "dd", "details",
            "dialog", "div", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "li", "main",
            "nav", "section", "summary", "tr", "caption", "body");

    String render(String html) {
        var text = new TextLines();
        NodeTraversor.filter(new Visitor(text), Jsoup.parse(html));
        return text.result();
    }

    /**
     * Walks the document once; what depends on ancestors or earlier siblings (inside a {@code <pre>}?, an
     * item's number) is counted on the way, since looking it up again per node is quadratic in hostile HTML.
     */
    private static final class Visitor implements NodeFilter {
        private final TextLines text;
        /** How many {@code <pre>} elements enclose the current node. */
        private int preDepth;
        /** Items seen so far in each ordered list. */
        private final Map<Element, Integer> itemsSeen = new IdentityHashMap<>();

        Visitor(TextLines text) {
            this.text = text;
        }

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode t) {
                if (preDepth > 0) {
                    text.verbatim(t.getWholeText());
                } else {
                    text.flowing(t.getWholeText());
                }
                return FilterResult.CONTINUE;
            }
            if (!(node instanceof Element e)) {
                return FilterResult.CONTINUE;
            }
            String tag = e.normalName();
            if (SKIPPED.contains(tag)) {
                return FilterResult.SKIP_ENTIRELY;
            }
            if (tag.equals("pre")) {
                preDepth++;
            }
            if (tag.equals("br")) {
                text.lineBreak();
            } else if (PARAGRAPHS.contains(tag)) {
                text.breaks(2);
            } else if (BLOCKS.contains(tag)) {
                text.breaks(1);
            } else if ((tag.equals("td") || tag.equals("th")) && hasElementBefore(e)) {
                text.space();
            }
            if (tag.equals("li")) {
                text.flowing(listMarker(e));
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element e) {
                String tag = e.normalName();
                if (tag.equals("pre")) {
                    preDepth--;
                }
                if (PARAGRAPHS.contains(tag)) {
                    text.breaks(2);
                } else if (BLOCKS.contains(tag)) {
                    text.breaks(1);
                } else if (tag.equals("a")) {
                    linkTarget(e);
                }
            }
            return FilterResult.CONTINUE;
        }

        private void linkTarget(Element link) {
            text.flowing(HtmlTextRenderer.addressAfter(link.text().trim(), link.attr("href")));
        }

        private String listMarker(Element item) {
            Element list = item.parent();
            if (list == null || !list.normalName().equals("ol")) {
                return "- ";
            }
            return itemsSeen.merge(list, 1, Integer::sum) + ". ";
        }

        /** Whether an element comes before this one among its siblings (elementSiblingIndex() counts them all). */
        private static boolean hasElementBefore(Element element) {
            for (Node n = element.previousSibling(); n != null; n = n.previousSibling()) {
                if (n instanceof Element) {
                    return true;
                }
            }
            return false;
        }
    }
}
