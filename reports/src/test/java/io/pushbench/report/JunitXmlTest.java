package io.pushbench.report;

import io.pushbench.core.gate.Check;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JUnit XML of a gate's checks validates against the Ant/Jenkins JUnit schema
 * ({@code junit.xsd} in the test resources), and says what a CI server shows: one test case per
 * check, the violation in a failure, an inconclusive check skipped.
 */
class JunitXmlTest {

    private static final List<Check> CHECKS = List.of(
            new Check("websocket", "p99<5ms", Check.Status.PASSED, "p99 1.2 ms"),
            new Check("sse-http2/jetty", "p99<1us", Check.Status.FAILED, "p99 523 \u00B5s >= 1 us & \"more\""),
            new Check("long-polling", "p99:+20%", Check.Status.INCONCLUSIVE, "within +20%, but the baseline varies"));

    @Test
    void validatesAgainstTheJunitSchema() throws Exception {
        String xml = JunitXml.render("thresholds", CHECKS, "2026-11-25T05:21:22.143Z", 12.5);

        assertThatCode(() -> schema().newValidator().validate(new StreamSource(new StringReader(xml))))
                .doesNotThrowAnyException();
    }

    @Test
    void theSchemaRefusesADocumentThatBreaksIt() throws Exception {
        String xml = JunitXml.render("thresholds", CHECKS, "2026-11-25T05:21:22.143Z", 12.5)
                .replace("<system-out/>", "");

        assertThatThrownBy(() -> schema().newValidator().validate(new StreamSource(new StringReader(xml))))
                .isInstanceOf(SAXException.class).hasMessageContaining("system-out");
    }

    @Test
    void oneTestCasePerCheckWithTheViolationInItsFailure() throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                JunitXml.render("thresholds", CHECKS, null, 0).getBytes(StandardCharsets.UTF_8)));

        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(3);
        Element failed = (Element) cases.item(1);
        assertThat(failed.getAttribute("classname")).isEqualTo("pushbench.thresholds.sse-http2/jetty");
        assertThat(failed.getAttribute("name")).isEqualTo("p99<1us");
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("p99 523 \u00B5s >= 1 us & \"more\"");
        assertThat(((Element) cases.item(0)).getChildNodes().getLength()).isZero();
        assertThat(((Element) cases.item(2)).getElementsByTagName("skipped").getLength()).isEqualTo(1);
    }

    private static Schema schema() throws SAXException {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        return factory.newSchema(JunitXmlTest.class.getResource("/junit.xsd"));
    }
}
