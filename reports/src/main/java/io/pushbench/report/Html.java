package io.pushbench.report;

import java.util.Set;

/**
 * Builds HTML text: elements, escaped text, attributes. Anything from a result file goes through
 * {@link #text} or an attribute, so a label or a path can never inject markup. Not thread-safe.
 */
final class Html {

    /** Elements after which a line break changes nothing on the page. */
    private static final Set<String> BLOCKS = Set.of("html", "body", "style", "header", "nav", "main", "section",
            "div", "table", "tr", "ul", "li", "h1", "h2", "h3", "p");

    private final StringBuilder out = new StringBuilder(64 * 1024);

    /** Escapes text for use in element content and in quoted attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Appends escaped text. */
    Html text(String text) {
        out.append(escape(text));
        return this;
    }

    /** Appends markup as is: only for constant markup written in this module. */
    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /**
     * Opens an element.
     *
     * @param attributes name and value pairs; values are escaped, a {@code null} value drops the attribute
     */
    Html open(String tag, String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name and value pairs");
        }
        out.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
            }
        }
        out.append('>');
        return this;
    }

    /** Closes an element; a block element is followed by a line break, to keep the source readable. */
    Html close(String tag) {
        out.append("</").append(tag).append('>');
        if (BLOCKS.contains(tag)) {
            out.append('\n');
        }
        return this;
    }

    /** An element holding escaped text. */
    Html element(String tag, String text, String... attributes) {
        open(tag, attributes);
        text(text);
        out.append("</").append(tag).append('>');
        return this;
    }

    /** A chart, at its display size, with its title as alternative text. */
    Html image(ChartImage image) {
        return open("img", "class", "chart", "src", image.dataUri(), "alt", image.alt(),
                "width", Integer.toString(image.width()), "height", Integer.toString(image.height()));
    }

    /** A link to a file beside the page. */
    Html link(String href, String text) {
        return element("a", text, "href", href);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
