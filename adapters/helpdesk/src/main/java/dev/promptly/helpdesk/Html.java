package dev.promptly.helpdesk;

/** Plain text as the HTML bodies some helpdesk APIs expect: escaped, one paragraph per blank-line block. */
final class Html {
    private Html() {
    }

    static String paragraphs(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        StringBuilder html = new StringBuilder();
        for (String block : escaped.split("\\R\\s*\\R")) {
            html.append("<p>").append(block.strip().replaceAll("\\R", "<br>")).append("</p>");
        }
        return html.toString();
    }
}
