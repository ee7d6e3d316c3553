package io.regalia.ingest.xml;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HostDraftTest {

    @Test
    void shouldSkipAHostWithNoUsableIdentityWithAWarning() {
        RecordingSink sink = new RecordingSink();
        ReportStream out = new ReportStream(sink, "test", "Test");
        HostDraft host = new HostDraft(SourcePosition.fixed("f.xml:3:1", out));

        host.address("999.1.1.1").emit(out);
        out.finish();

        assertThat(sink.hosts()).isEmpty();
        assertThat(sink.warnings()).extracting(w -> w.message())
                .containsExactly("'999.1.1.1' is not a valid IP address; left out of the host's interfaces",
                        "host 999.1.1.1 has no usable identity (IP, DNS, NetBIOS or ID); its 0 detection(s) were skipped");
    }

    @Test
    void shouldSplitADottedDnsNameIntoFqdnAndHostname() {
        RecordingSink sink = new RecordingSink();
        ReportStream out = new ReportStream(sink, "test", "Test");

        new HostDraft(SourcePosition.fixed("f", out)).dnsName("web01.example.com.").emit(out);

        assertThat(sink.onlyHost().fqdn()).isEqualTo("web01.example.com");
        assertThat(sink.onlyHost().hostname()).isEqualTo("web01");
    }
}
