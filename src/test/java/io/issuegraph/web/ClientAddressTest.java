package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void anIpv4AddressIsItsOwnKey() {
        assertThat(ClientAddress.key("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.key("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void everyIpv6AddressOfOneSlash64SharesOneKey() {
        String first = ClientAddress.key("2001:db8:1:2:aaaa:bbbb:cccc:dddd");

        assertThat(ClientAddress.key("2001:db8:1:2::1")).isEqualTo(first);
        assertThat(ClientAddress.key("2001:0db8:0001:0002:ffff:ffff:ffff:ffff%eth0")).isEqualTo(first);
        assertThat(ClientAddress.key("2001:db8:1:3::1")).isNotEqualTo(first);
        assertThat(first).isEqualTo("20010db800010002/64");
    }

    @Test
    void anythingButALiteralIsOneKeyAndNeverLookedUp() {
        for (String notAnAddress : new String[] {null, "", "example.com", "999.1.1.1", "1.2.3", "localhost", "::g", "1.2.3.4.5"}) {
            assertThat(ClientAddress.key(notAnAddress)).as(notAnAddress).isEqualTo(ClientAddress.UNPARSABLE);
        }
    }
}
