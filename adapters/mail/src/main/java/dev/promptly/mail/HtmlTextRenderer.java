package dev.promptly.mail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an HTML mail body into the text a reader would see, keeping its line structure: {@code <br>}
 * breaks a line, paragraphs and headings are separated by a blank line, other blocks start on a new
 * line, list items get a {@code "- "} or {@code "1. "} marker and a link whose text is not its address is
 * followed by the address in parentheses, since a customer's tracking or order link matters. Whitespace
 * collapses as a browser collapses it, except inside {@code <pre>}. Scripts, styles and the head are
 * dropped.
 *
 * <p>{@link HtmlTokenizer} reads the markup; this class keeps the stack of open elements and closes what HTML
 * lets a writer leave open as the standard's tree construction does where it shows in the text (a paragraph
 * ends where a block starts, a list item at the next item, a cell at the next cell or row; see
 * <a href="https://html.spec.whatwg.org/multipage/parsing.html#parsing-main-inbody">the "in body" insertion
 * mode</a>). Hand-written rather than jsoup's full tree builder, which took 0.44 MB of the inbound-email
 * function's jar for this one use; {@code HtmlTextRendererAgreesWithJsoupTest} holds its text to what the
 * jsoup-based renderer gave.
 *
 * <p>Stateless and thread-safe; one pass, linear in the input: at most {@value #MAX_OPEN} elements are open at
 * once, and a search of the stack looks at most at {@value #MAX_SCOPE_SEARCH} of them.
 */
final class HtmlTextRenderer {
    /** Open elements kept; deeper ones are read as text and breaks, without their own end. */
    static final int MAX_OPEN = 512;
    /** Open elements a search for an implied end looks through, as jsoup's scope searches do. */
    static final int MAX_SCOPE_SEARCH = 100;

    private static final Set<String> SKIPPED = Set.of("head", "script", "style", "template", "noscript", "title");
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
            "pre", "ul", "ol", "dl", "table", "hr");
    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "center", "dd", "details",
            "dialog", "div", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "li", "main",
            "nav", "section", "summary", "tr", "caption");
    /** Elements with no contents and no end tag. */
    private static final Set<String> VOID = Set.of("area", "base", "basefont", "bgsound", "br", "col", "command",
            "embed", "frame", "hr", "img", "input", "keygen", "link", "menuitem", "meta", "param", "source",
            "track", "wbr");
    /** Start tags that end an open paragraph (the standard's "close a p element" steps). */
    private static final Set<String> CLOSE_PARAGRAPH = Set.of("address", "article", "aside", "blockquote",
            "center", "details", "dialog", "dir", "div", "dl", "fieldset", "figcaption", "figure", "footer",
            "header", "hgroup", "main", "menu", "nav", "ol", "p", "search", "section", "summary", "ul", "h1", "h2",
            "h3", "h4", "h5", "h6", "pre", "listing", "form", "li", "dd", "dt", "plaintext", "table", "hr", "xmp");
    /** Where a search for an open element stops: what lies beyond belongs to an enclosing table or object. */
    private static final Set<String> SCOPE = Set.of("applet", "caption", "html", "table", "td", "th", "marquee",
            "object", "template");
    /** The standard's "special" elements, which stop the search for a list item to close. */
    private static final Set<String> SPECIAL = Set.of("address", "applet", "area", "article", "aside", "base",
            "basefont", "bgsound", "blockquote", "body", "br", "button", "caption", "center", "col", "colgroup", "dd",
            "details", "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption", "figure", "footer", "form",
            "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html",
            "iframe", "img", "input", "keygen", "li", "link", "listing", "main", "marquee", "menu", "meta", "nav",
            "noembed", "noframes", "noscript", "object", "ol", "p", "param", "plaintext", "pre", "script", "search",
            "section", "select", "source", "style", "summary", "table", "tbody", "td", "template", "textarea",
            "tfoot", "th", "thead", "title", "tr", "track", "ul", "wbr", "xmp");
    /** Where a search for a paragraph to close stops. */
    private static final Set<String> BUTTON_SCOPE = Set.of("applet", "caption", "html", "table", "td", "th",
            "marquee", "object", "template", "button");
    /** Where a search for a table's part stops: the table itself. */
    private static final Set<String> TABLE_SCOPE = Set.of("html", "table", "template");
    private static final Set<String> TABLE_PARTS = Set.of("table", "caption", "colgroup", "tbody", "thead",
            "tfoot", "tr", "td", "th");
    /** Where a search for a list item or definition to close stops: special elements but address, div and p. */
    private static final Set<String> ITEM_SCOPE = without(SPECIAL, "address", "div", "p");
    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
    private static final Set<String> PARAGRAPH = Set.of("p");
    private static final Set<String> LINK = Set.of("a");
    private static final Set<String> LIST_ITEM = Set.of("li");
    private static final Set<String> DEFINITION = Set.of("dd", "dt");
    private static final Set<String> CELL = Set.of("td", "th");
    private static final Set<String> ROW = Set.of("tr");
    private static final Set<String> ROW_GROUP = Set.of("tbody", "thead", "tfoot");
    private static final Set<String> TABLE = Set.of("table");
    private static final Set<String> TABLE_OR_ROW = Set.of("table", "tr");
    /** What may stand in a document's head; anything else there starts the body. */
    private static final Set<String> IN_HEAD = Set.of("base", "basefont", "bgsound", "link", "meta", "title",
            "noscript", "noframes", "style", "script", "template");

    private static Set<String> without(Set<String> names, String... left) {
        Set<String> kept = new java.util.HashSet<>(names);
        kept.removeAll(List.of(left));
        return Set.copyOf(kept);
    }

    String render(String html) {
        var walk = new Walk();
        HtmlTokenizer.read(html, walk);
        walk.finish();
        return walk.text.result();
    }

    /**
     * What follows a link's text: its address in parentheses, when it is a web address and the text shows
     * something else (a customer's tracking or order link matters); nothing for a link without text.
     */
    static String addressAfter(String label, String href) {
        String address = href.trim();
        if (label.isEmpty() || !(address.startsWith("http://") || address.startsWith("https://"))) {
            return "";
        }
        return bare(label).equalsIgnoreCase(bare(address)) ? "" : " (" + address + ")";
    }

    private static String bare(String address) {
        String s = address.regionMatches(true, 0, "https://", 0, 8) ? address.substring(8)
                : address.regionMatches(true, 0, "http://", 0, 7) ? address.substring(7) : address;
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** One open element and what rendering it needs to remember. */
    private static final class Open {
        final String name;
        /** Whether an element has started inside it yet (a cell after the first is spaced from its neighbour). */
        boolean hadElement;
        /** Items seen so far, for an ordered list. */
        int items;
        /** A link's address and the text read inside it, for an {@code <a>}. */
        final String href;
        final TextLines label;

        Open(String name, String href) {
            this.name = name;
            this.href = href;
            this.label = href == null ? null : new TextLines();
        }
    }

    /** Walks the tokens once, keeping the open elements and writing the text. */
    private static final class Walk implements HtmlTokenizer.Handler {
        final TextLines text = new TextLines();
        private final List<Open> open = new ArrayList<>();
        private final Map<String, Integer> openCount = new HashMap<>();
        /** Whether an element has started outside every open one (at the top of the body). */
        private boolean rootHadElement;
        private int preDepth;
        private int skipDepth;
        private int linkDepth;
        /** In an explicit {@code <head>}, until its end or the first thing that belongs to the body. */
        private boolean inHead;
        private boolean bodyStarted;
        /**
         * Whether the document starts with {@code <!DOCTYPE html>}; without, it is read in quirks mode, where a table
         * does not end an open paragraph (jsoup's rule: the doctype's name must be "html").
         */
        private boolean standardsMode;
        /** Just after a {@code <pre>} start tag, where one newline is dropped. */
        private boolean afterPreStart;

        @Override
        public void text(String s) {
            if (afterPreStart) {
                // A newline right after <pre> is not part of its contents.
                afterPreStart = false;
                s = s.startsWith("\r\n") ? s.substring(2) : s.startsWith("\n") || s.startsWith("\r") ? s.substring(1) : s;
                if (s.isEmpty()) {
                    return;
                }
            }
            if (inHead) {
                if (s.isBlank()) {
                    return;
                }
                inHead = false;
            }
            bodyStarted = bodyStarted || !s.isBlank();
            if (skipDepth > 0) {
                return;
            }
            if (linkDepth > 0) {
                for (Open element : open) {
                    if (element.label != null) {
                        element.label.flowing(s);
                    }
                }
            }
            if (preDepth > 0) {
                text.verbatim(s);
            } else {
                text.flowing(s);
            }
        }

        @Override
        public void doctype(String name) {
            if (!bodyStarted && open.isEmpty()) {
                standardsMode = name.equals("html");
            }
        }

        @Override
        public void rawText(String element, String s) {
            // script, style and title are dropped with their elements; textarea shows its text, the data
            // elements (xmp, iframe…) do not, as jsoup keeps them as data rather than text.
            if (element.equals("textarea")) {
                text(s);
            }
        }

        @Override
        public void startTag(String name, Map<String, String> attributes, boolean selfClosing) {
            if (name.equals("html") || name.equals("body")) {
                inHead = false;
                return;
            }
            if (name.equals("head")) {
                inHead = !bodyStarted;
                return;
            }
            if (inHead && !IN_HEAD.contains(name)) {
                inHead = false;
            }
            bodyStarted = true;
            if (TABLE_PARTS.contains(name) && !name.equals("table") && openCount.getOrDefault("table", 0) == 0) {
                return; // a row or cell outside any table is ignored, as in a browser
            }
            impliedEnds(name);
            boolean elementBefore = open.isEmpty() ? rootHadElement : top().hadElement;
            if (open.isEmpty()) {
                rootHadElement = true;
            } else {
                top().hadElement = true;
            }
            if (name.equals("br")) {
                if (skipDepth == 0) {
                    text.lineBreak();
                }
                return;
            }
            if (skipDepth == 0) {
                opening(name, elementBefore);
            }
            if (VOID.contains(name)) {
                if (skipDepth == 0) {
                    closing(name, null);
                }
                return;
            }
            if (open.size() >= MAX_OPEN) {
                return;
            }
            Open element = new Open(name, name.equals("a") ? attributes.getOrDefault("href", "") : null);
            push(element);
            afterPreStart = name.equals("pre") || name.equals("listing");
        }

        @Override
        public void endTag(String name) {
            if (name.equals("head")) {
                inHead = false;
                return;
            }
            if (name.equals("html") || name.equals("body")) {
                return;
            }
            if (name.equals("br")) {
                startTag("br", Map.of(), false);
                return;
            }
            if (inHead) {
                inHead = false;
            }
            if (name.equals("p")) {
                // "</p>" with no paragraph open makes an empty one.
                if (!closeNearest(PARAGRAPH, BUTTON_SCOPE) && skipDepth == 0) {
                    text.breaks(2);
                }
            } else if (HEADINGS.contains(name)) {
                // Any heading's end tag ends the open heading, whatever its level.
                closeNearest(HEADINGS, SCOPE);
            } else if (SPECIAL.contains(name)) {
                closeNearest(Set.of(name), TABLE_PARTS.contains(name) ? TABLE_SCOPE : SCOPE);
            } else {
                // Any other end tag closes the nearest element of its name, unless a special element is open inside it.
                closeNearest(Set.of(name), SPECIAL);
            }
        }

        void finish() {
            while (!open.isEmpty()) {
                pop();
            }
        }

        /** Closes what a start tag {@code name} implies is finished. */
        private void impliedEnds(String name) {
            if (CLOSE_PARAGRAPH.contains(name) && (standardsMode || !name.equals("table"))) {
                closeNearest(PARAGRAPH, BUTTON_SCOPE);
            }
            switch (name) {
                case "li" -> closeNearest(LIST_ITEM, ITEM_SCOPE);
                case "dd", "dt" -> closeNearest(DEFINITION, ITEM_SCOPE);
                case "td", "th" -> closeNearest(CELL, TABLE_OR_ROW);
                case "tr" -> closeNearest(ROW, TABLE);
                case "tbody", "thead", "tfoot" -> closeNearest(ROW_GROUP, TABLE);
                case "a" -> closeNearest(LINK, Set.of());
                default -> {
                    if (HEADINGS.contains(name) && !open.isEmpty() && HEADINGS.contains(top().name)) {
                        pop();
                    }
                }
            }
        }

        /**
         * Closes the nearest open element of {@code names}, if it lies before any of {@code stops} and within the
         * {@value #MAX_SCOPE_SEARCH} elements a search looks at; whether it did.
         */
        private boolean closeNearest(Set<String> names, Set<String> stops) {
            boolean anyOpen = false;
            for (String name : names) {
                anyOpen = anyOpen || openCount.getOrDefault(name, 0) > 0;
            }
            for (int i = open.size() - 1, seen = 0; anyOpen && i >= 0 && seen < MAX_SCOPE_SEARCH; i--, seen++) {
                String n = open.get(i).name;
                if (names.contains(n)) {
                    popThrough(i);
                    return true;
                }
                if (stops.contains(n)) {
                    return false;
                }
            }
            return false;
        }

        private void popThrough(int index) {
            while (open.size() > index) {
                pop();
            }
        }

        private void push(Open element) {
            open.add(element);
            openCount.merge(element.name, 1, Integer::sum);
            if (SKIPPED.contains(element.name)) {
                skipDepth++;
            }
            if (element.name.equals("pre")) {
                preDepth++;
            }
            if (element.label != null) {
                linkDepth++;
            }
        }

        private void pop() {
            Open element = open.remove(open.size() - 1);
            openCount.merge(element.name, -1, Integer::sum);
            if (SKIPPED.contains(element.name)) {
                skipDepth--;
            }
            if (skipDepth == 0) {
                closing(element.name, element);
            }
            if (element.name.equals("pre")) {
                preDepth--;
            }
            if (element.label != null) {
                linkDepth--;
            }
        }

        private Open top() {
            return open.get(open.size() - 1);
        }

        /** What starting an element writes: breaks before blocks, a space between cells, a list marker. */
        private void opening(String name, boolean elementBefore) {
            if (PARAGRAPHS.contains(name)) {
                text.breaks(2);
            } else if (BLOCKS.contains(name)) {
                text.breaks(1);
            } else if ((name.equals("td") || name.equals("th")) && elementBefore) {
                text.space();
            }
            if (name.equals("li")) {
                text.flowing(listMarker());
            }
        }

        /** What ending an element writes: breaks after blocks, a link's address after its text. */
        private void closing(String name, Open element) {
            if (PARAGRAPHS.contains(name)) {
                text.breaks(2);
            } else if (BLOCKS.contains(name)) {
                text.breaks(1);
            } else if (element != null && element.label != null) {
                linkTarget(element);
            }
        }

        private void linkTarget(Open link) {
            text.flowing(addressAfter(link.label.result(), link.href));
        }

        private String listMarker() {
            // The item is not pushed yet: its list, if any, is the open element on top.
            Open list = open.isEmpty() ? null : top();
            if (list == null || !list.name.equals("ol")) {
                return "- ";
            }
            list.items++;
            return list.items + ". ";
        }
    }
}
