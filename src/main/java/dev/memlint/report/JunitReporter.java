package dev.memlint.report;

import dev.memlint.rule.Finding;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JUnit XML, the test report format CI servers show (GitLab, Jenkins, Azure): one testsuite per
 * file with findings or a failure, one failed testcase per finding (name: code and position,
 * classname: the file), an errored testcase for a file that could not be checked, and one passing
 * testcase when there is nothing to report, so that a clean run still shows up as a pass.
 */
public final class JunitReporter implements Reporter {
    private record Case(String name, String path, int line, String kind, String type, String message, String text) {}

    @Override
    public void write(LintReport report, PrintWriter out) throws IOException {
        Map<String, List<Case>> byFile = new LinkedHashMap<>();
        for (Finding f : report.findings()) {
            String position = f.range().line() + ":" + f.range().column();
            byFile.computeIfAbsent(f.path(), p -> new ArrayList<>()).add(new Case(f.code() + " at " + position,
                    f.path(), f.range().line(), "failure", f.code(), f.message(),
                    f.path() + ":" + position + ": " + f.code() + " " + f.message()));
        }
        for (FileFailure failure : report.failures()) {
            byFile.computeIfAbsent(failure.path(), p -> new ArrayList<>()).add(new Case("not checked", failure.path(),
                    0, "error", "memlint", failure.message(), failure.path() + ": " + failure.message()));
        }
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "memlint");
            writeCounts(xml, Math.max(1, report.findings().size() + report.failures().size()), report.findings().size(),
                    report.failures().size());
            if (byFile.isEmpty()) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", "memlint");
                writeCounts(xml, 1, 0, 0);
                xml.writeCharacters("\n    ");
                xml.writeEmptyElement("testcase");
                xml.writeAttribute("name", "no findings (" + report.filesChecked() + (report.filesChecked() == 1 ? " file" : " files")
                        + " checked)");
                xml.writeAttribute("classname", "memlint");
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
            }
            for (Map.Entry<String, List<Case>> file : byFile.entrySet()) {
                writeSuite(xml, file.getKey(), file.getValue());
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        out.println();
    }

    private static void writeSuite(XMLStreamWriter xml, String path, List<Case> cases) throws XMLStreamException {
        long failures = cases.stream().filter(c -> c.kind().equals("failure")).count();
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", clean(path));
        writeCounts(xml, cases.size(), failures, cases.size() - failures);
        for (Case c : cases) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("name", clean(c.name()));
            xml.writeAttribute("classname", clean(c.path()));
            xml.writeAttribute("file", clean(c.path()));
            if (c.line() > 0) xml.writeAttribute("line", Integer.toString(c.line()));
            xml.writeStartElement(c.kind());
            xml.writeAttribute("type", c.type());
            xml.writeAttribute("message", clean(c.message()));
            xml.writeCharacters(clean(c.text()));
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void writeCounts(XMLStreamWriter xml, long tests, long failures, long errors)
            throws XMLStreamException {
        xml.writeAttribute("tests", Long.toString(tests));
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("errors", Long.toString(errors));
    }

    /** XML 1.0 cannot carry most control characters, even escaped: each becomes U+FFFD. */
    static String clean(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || Character.isSurrogate(c);
            if (!allowed && sb == null) sb = new StringBuilder(text.substring(0, i));
            if (sb != null) sb.append(allowed ? c : '\uFFFD');
        }
        return sb == null ? text : sb.toString();
    }
}
