package io.regalia.ingest.os;

import io.regalia.core.model.Lifecycle;
import io.regalia.core.model.LifecycleStage;
import io.regalia.core.report.BadInputException;
import io.regalia.ingest.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OsCatalogTest {
    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    private final OsCatalog catalog = OsCatalog.builtIn();

    @Test
    void shouldClassifyWindowsServer2012R2AsAnEndOfLifeWindowsServer() {
        var os = catalog.classify("Windows Server 2012 R2 Standard", DAY);

        assertThat(os.name()).isEqualTo("Windows Server 2012 R2 Standard");
        assertThat(os.version()).isEqualTo("2012 R2");
        assertThat(os.publisher()).isEqualTo("Microsoft");
        assertThat(os.category1()).isEqualTo("Windows");
        assertThat(os.category2()).isEqualTo("Server");
        assertThat(os.lifecycle()).isEqualTo(new Lifecycle(LifecycleStage.EOL, LocalDate.of(2023, 10, 10),
                LocalDate.of(2018, 10, 9)));
    }

    @Test
    void shouldKeepUbuntu2204GenerallyAvailable() {
        var os = catalog.classify("Ubuntu 22.04.3 LTS", DAY);

        assertThat(os.category1()).isEqualTo("Linux");
        assertThat(os.publisher()).isEqualTo("Canonical");
        assertThat(os.version()).isEqualTo("22.04");
        assertThat(os.lifecycle().stage()).isEqualTo(LifecycleStage.GA);
    }

    @Test
    void shouldClassifyCentOs7AsEndOfLife() {
        assertThat(catalog.classify("CentOS Linux release 7.9.2009 (Core)", DAY).lifecycle().stage())
                .isEqualTo(LifecycleStage.EOL);
    }

    @Test
    void shouldBeEndOfSupportBetweenTheTwoDates() {
        // Ubuntu 18.04: standard support ended 2023-05-31, ESM runs to 2028.
        var os = catalog.classify("Ubuntu 18.04.6 LTS", DAY);

        assertThat(os.lifecycle().stage()).isEqualTo(LifecycleStage.EOS);
        assertThat(catalog.classify("Ubuntu 18.04.6 LTS", LocalDate.of(2023, 5, 31)).lifecycle().stage())
                .isEqualTo(LifecycleStage.GA);
        assertThat(catalog.classify("Ubuntu 18.04.6 LTS", LocalDate.of(2028, 4, 2)).lifecycle().stage())
                .isEqualTo(LifecycleStage.EOL);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Windows 2008 R2 Enterprise Service Pack1                          | 2008 R2 | Windows | Server
            Microsoft Windows Server 2019 Datacenter Build 17763              | 2019    | Windows | Server
            Windows Server 2025 Standard                                      | 2025    | Windows | Server
            Microsoft Windows 10 Enterprise 64 bit Edition Version 21H2       | 10      | Windows | Client
            Windows 11 Pro                                                    | 11      | Windows | Client
            Windows 8.1 Enterprise                                            | 8.1     | Windows | Client
            Windows 7 Professional SP1                                        | 7       | Windows | Client
            Red Hat Enterprise Linux Server release 7.9 (Maipo)               | 7       | Linux   | Server
            redhat 8.6                                                        | 8       | Linux   | Server
            Rocky Linux 9.2 (Blue Onyx)                                       | 9       | Linux   | Server
            AlmaLinux 8.7                                                     | 8       | Linux   | Server
            Oracle Linux Server release 8.6                                   | 8       | Linux   | Server
            CentOS Stream 9                                                   | 9       | Linux   | Server
            Linux Kernel 5.10 on Debian GNU/Linux 11 (bullseye)               | 11      | Linux   | Server
            debian 10.13                                                      | 10      | Linux   | Server
            SUSE Linux Enterprise Server 15 SP4                               | 15      | Linux   | Server
            SLES12 SP5                                                        | 12      | Linux   | Server
            Amazon Linux 2                                                    | 2       | Linux   | Server
            Amazon Linux 2023                                                 | 2023    | Linux   | Server
            Amazon Linux AMI 2018.03                                          | 1       | Linux   | Server
            macOS 14.2 Sonoma                                                 | 14      | macOS   | Client
            Mac OS X 10.15.7                                                  | 10.15   | macOS   | Client
            ubuntu 14.04                                                      | 14.04   | Linux   | Server
            """)
    void shouldRecognizeReleasesAsScannersWriteThem(String osString, String version, String family, String role) {
        var os = catalog.classify(osString, DAY);

        assertThat(os.version()).isEqualTo(version);
        assertThat(os.category1()).isEqualTo(family);
        assertThat(os.category2()).isEqualTo(role);
        assertThat(os.lifecycle()).isNotNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Windows Server 2000                  | Windows | Server | Microsoft
            Windows XP Professional              | Windows | -      | Microsoft
            alpine 3.9.4                         | Linux   | -      | Alpine Linux
            Linux Kernel 2.6                     | Linux   | -      | -
            Cisco IOS 15.2                       | Network | -      | Cisco
            Oracle Solaris 11.4                  | Unix    | Server | Oracle
            FreeBSD 13.2                         | Unix    | -      | FreeBSD Project
            """)
    void shouldFallBackToTheFamilyForUnknownReleases(String osString, String family, String role, String publisher) {
        var os = catalog.classify(osString, DAY);

        assertThat(os.name()).isEqualTo(osString);
        assertThat(os.category1()).isEqualTo(family);
        assertThat(os.category2()).isEqualTo(role);
        assertThat(os.publisher()).isEqualTo(publisher);
        assertThat(os.version()).isNull();
        assertThat(os.lifecycle()).isNull();
    }

    @Test
    void shouldNeverFailOnStringsItCannotPlace() {
        assertThat(catalog.classify("HP LaserJet firmware 2405087", DAY))
                .satisfies(os -> {
                    assertThat(os.name()).isEqualTo("HP LaserJet firmware 2405087");
                    assertThat(os.category1()).isNull();
                    assertThat(os.lifecycle()).isNull();
                });
        assertThat(catalog.classify("   ", DAY)).isNull();
        assertThat(catalog.classify(null, DAY)).isNull();
    }

    @Test
    void shouldLetAUserFileAddAndOverrideReleases(@TempDir Path dir) {
        Path file = Samples.write(dir, "os.csv", """
                # our own support contract
                match,name,version,publisher,category1,category2,ga,eos,eol
                windows\\s+(server\\s+)?2012\\s*r2,Windows Server 2012 R2,2012 R2,Microsoft,Windows,Server,2013-11-25,2023-10-10,2026-10-13
                photon\\s*os\\s+5,Photon OS 5,5.0,Broadcom,Linux,Server,2023-05-01,,
                """);
        var extended = OsCatalog.withUserFile(file);

        assertThat(extended.classify("Windows Server 2012 R2 Datacenter", LocalDate.of(2026, 1, 1)).lifecycle().stage())
                .isEqualTo(LifecycleStage.EOS);
        assertThat(extended.classify("VMware Photon OS 5.0", DAY).publisher()).isEqualTo("Broadcom");
        assertThat(extended.classify("Ubuntu 22.04", DAY).version()).isEqualTo("22.04");
        assertThat(catalog.classify("VMware Photon OS 5.0", DAY).publisher()).isNull();
    }

    @Test
    void shouldRejectAUserFileWithABadDateNamingTheLine(@TempDir Path dir) {
        Path file = Samples.write(dir, "os.csv", """
                match,name,version,publisher,category1,category2,ga,eos,eol
                photon,Photon OS,5.0,Broadcom,Linux,Server,2023-05-01,,
                haiku,Haiku,R1,Haiku Inc,Other,,someday,,
                """);

        assertThatThrownBy(() -> OsCatalog.withUserFile(file))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ":3: \"someday\" is not a date (expected yyyy-mm-dd)");
    }
}
