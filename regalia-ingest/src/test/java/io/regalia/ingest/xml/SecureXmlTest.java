package io.regalia.ingest.xml;

import io.regalia.core.report.BadInputException;
import io.regalia.ingest.nessus.NessusReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.namespace.QName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class SecureXmlTest {

    @TempDir
    Path dir;

    @Test
    void shouldRejectAnExternalEntityAndNeverReadTheFileItNames() throws IOException {
        Path file = write("xxe.nessus", """
                <?xml version="1.0"?>
                <!DOCTYPE NessusClientData_v2 [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <NessusClientData_v2><Report name="r"><ReportHost name="10.0.0.1">
                <ReportItem port="0" protocol="tcp" severity="0" pluginID="1" pluginName="x">
                <plugin_output>&xxe;</plugin_output></ReportItem></ReportHost></Report></NessusClientData_v2>
                """);
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> new NessusReader().read(file, sink))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ":5:")
                .hasMessageContaining("entity reference &xxe;");
        assertThat(sink.dump()).doesNotContain("root:").doesNotContain("/bin/");
    }

    @Test
    void shouldRejectAnExternalEntityInAnAttributeOrAParameterEntity() throws IOException {
        Path attribute = write("attr.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <r a="&xxe;"/>
                """);
        Path parameter = write("param.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>
                <r>plain</r>
                """);

        assertThatThrownBy(() -> readAll(attribute))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(attribute + ":3:")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("root:"));
        try (XmlCursor x = XmlCursor.open(parameter, null)) {
            assertThat(x.rootElement()).isEqualTo("r");
            assertThat(x.text()).as("the parameter entity was never resolved").isEqualTo("plain");
        }
    }

    @Test
    void shouldRejectAnEntityExpansionBombQuickly() throws IOException {
        StringBuilder dtd = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        Path file = write("bomb.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [" + dtd + "]>\n<lolz>&lol9;</lolz>\n");

        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> readAll(file))
                        .isInstanceOf(BadInputException.class)
                        .hasMessageStartingWith(file + ":3:")
                        .hasMessageContaining("&lol9;")
                        .hasMessageContaining("DTDs and entities are disabled"));
    }

    @Test
    void shouldNeverLoadAnExternalDtdEvenFromALocalFile() throws IOException {
        Path dtd = write("defs.dtd", "<!ENTITY secret \"EXPANDED-FROM-DTD\">");
        Path file = write("uses-dtd.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"" + dtd.toUri()
                + "\">\n<r>&secret;</r>\n");

        assertThatThrownBy(() -> readAll(file))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("&secret;")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("EXPANDED-FROM-DTD"));
    }

    @Test
    void shouldReadADocumentWhoseDoctypeNamesAnUnreachableDtd() throws IOException {
        Path file = write("doctype.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE SCAN SYSTEM "https://qualysguard.invalid/scan-1.dtd">
                <SCAN><IP value="10.0.0.1">a &amp; b &#65;</IP></SCAN>
                """);

        try (XmlCursor x = XmlCursor.open(file, null)) {
            assertThat(x.rootElement()).isEqualTo("SCAN");
            assertThat(x.nextElement()).isTrue();
            assertThat(x.attr("value")).isEqualTo("10.0.0.1");
            assertThat(x.text()).isEqualTo("a & b A");
        }
    }

    @Test
    void shouldNameFileLineAndColumnOfMalformedXml() throws IOException {
        Path file = write("broken.xml", "<a>\n  <b>text</c>\n</a>\n");

        assertThatThrownBy(() -> readAll(file))
                .isInstanceOf(BadInputException.class)
                .hasMessageMatching("\\Q" + file + "\\E:2:\\d+: malformed XML: .*")
                .extracting(e -> ((BadInputException) e).where())
                .asString().startsWith(file + ":2:");
    }

    @Test
    void shouldSayWhenTheFileDoesNotExist() {
        Path missing = dir.resolve("missing.xml");

        assertThatThrownBy(() -> XmlCursor.open(missing, null))
                .isInstanceOf(BadInputException.class)
                .hasMessage(missing + ": file not found");
    }

    @Test
    void shouldGiveTheRootElementForFormatDetection() throws IOException {
        Path file = write("bom.xml", "<?xml version=\"1.0\"?>\n<!-- c -->\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"><x/></bom>");

        assertThat(SecureXml.rootElement(file)).isEqualTo(new QName("http://cyclonedx.org/schema/bom/1.5", "bom"));
    }

    @Test
    void shouldRejectAFileWithoutARootElement() throws IOException {
        Path file = write("empty.xml", "");

        assertThatThrownBy(() -> SecureXml.rootElement(file))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file.toString());
    }

    private static void readAll(Path file) {
        try (XmlCursor x = XmlCursor.open(file, null)) {
            x.rootElement();
            x.text();
            while (x.nextElement()) {
                x.text();
            }
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
