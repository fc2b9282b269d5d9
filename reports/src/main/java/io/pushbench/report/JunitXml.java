package io.pushbench.report;

import io.pushbench.core.gate.Check;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The checks of a gate as a JUnit XML report, the format of Ant's JUnit task that Jenkins, GitLab
 * and GitHub read: one {@code testsuite} in a {@code testsuites} root, one {@code testcase} per
 * check, named by the check ({@code p99<5ms}) in a class named by the transport
 * ({@code pushbench.thresholds.websocket}). A failed check carries a {@code failure} with the
 * violation as its message; an inconclusive one is {@code skipped}, with why as its message.
 */
final class JunitXml {

    /** The schema's timestamp: ISO 8601 to the second, no time zone (UTC here). */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private JunitXml() {
    }

    /**
     * @param suite     the suite's name, e.g. {@code thresholds} or {@code regression}: the classes are
     *                  {@code pushbench.SUITE.TRANSPORT}
     * @param checks    the checks, in order
     * @param startedAt when the run started, ISO 8601 (null or unreadable: now)
     * @param seconds   how long the run took, seconds
     * @return the whole document
     */
    static String render(String suite, List<Check> checks, String startedAt, double seconds) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            newline(xml, 0);
            xml.writeStartElement("testsuites");
            newline(xml, 1);
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "pushbench." + suite);
            xml.writeAttribute("package", "pushbench");
            xml.writeAttribute("id", "0");
            xml.writeAttribute("timestamp", timestamp(startedAt));
            xml.writeAttribute("hostname", hostname());
            xml.writeAttribute("tests", Integer.toString(checks.size()));
            xml.writeAttribute("failures", Long.toString(Check.count(checks, Check.Status.FAILED)));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", Long.toString(Check.count(checks, Check.Status.INCONCLUSIVE)));
            xml.writeAttribute("time", decimal(seconds));
            newline(xml, 2);
            xml.writeEmptyElement("properties");
            for (Check check : checks) {
                newline(xml, 2);
                testcase(xml, suite, check);
            }
            newline(xml, 2);
            xml.writeEmptyElement("system-out");
            newline(xml, 2);
            xml.writeEmptyElement("system-err");
            newline(xml, 1);
            xml.writeEndElement();
            newline(xml, 0);
            xml.writeEndElement();
            newline(xml, 0);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            // Writing to a string fails only on a bug here.
            throw new IllegalStateException("JUnit XML: " + e.getMessage(), e);
        }
        return text.toString();
    }

    private static void testcase(XMLStreamWriter xml, String suite, Check check) throws XMLStreamException {
        boolean passed = check.status() == Check.Status.PASSED;
        if (passed) {
            xml.writeEmptyElement("testcase");
        } else {
            xml.writeStartElement("testcase");
        }
        xml.writeAttribute("name", check.name());
        xml.writeAttribute("classname", "pushbench." + suite + "." + check.subject());
        xml.writeAttribute("time", "0");
        if (passed) {
            return;
        }
        newline(xml, 3);
        if (check.failed()) {
            xml.writeStartElement("failure");
            xml.writeAttribute("message", check.detail());
            xml.writeAttribute("type", suite);
            xml.writeCharacters(check.line());
            xml.writeEndElement();
        } else {
            xml.writeEmptyElement("skipped");
            xml.writeAttribute("message", check.detail());
        }
        newline(xml, 2);
        xml.writeEndElement();
    }

    private static void newline(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }

    private static String timestamp(String startedAt) {
        Instant when;
        try {
            when = startedAt == null ? Instant.now() : Instant.parse(startedAt);
        } catch (DateTimeParseException e) {
            when = Instant.now();
        }
        return TIMESTAMP.format(when.truncatedTo(ChronoUnit.SECONDS));
    }

    /** This machine's name as the environment gives it, without a lookup that could hang; else {@code localhost}. */
    private static String hostname() {
        String name = System.getenv("HOSTNAME");
        return name == null || name.isBlank() ? "localhost" : name.strip();
    }

    private static String decimal(double seconds) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, seconds));
    }
}
