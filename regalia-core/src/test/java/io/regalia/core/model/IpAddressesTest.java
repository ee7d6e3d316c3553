package io.regalia.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpAddressesTest {

    @Test
    void shouldAcceptOnlyIpLiteralsAsAddresses() {
        assertThat(IpAddresses.isLiteral("10.0.0.1")).isTrue();
        assertThat(IpAddresses.isLiteral("255.255.255.255")).isTrue();
        assertThat(IpAddresses.isLiteral("fe80::1")).isTrue();
        assertThat(IpAddresses.isLiteral("2001:db8::10")).isTrue();
        assertThat(IpAddresses.isLiteral("::ffff:10.0.0.1")).isTrue();
        assertThat(IpAddresses.isLiteral("192.168.1.1001")).isFalse();
        assertThat(IpAddresses.isLiteral("010.0.0.1")).isFalse();
        assertThat(IpAddresses.isLiteral("1.2.3.4:80")).isFalse();
        assertThat(IpAddresses.isLiteral("host.example")).isFalse();
        assertThat(IpAddresses.isLiteral("dead:beef:zz::1")).isFalse();
    }
}
