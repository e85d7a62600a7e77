package gomikrobot.tools.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressGuardTest {
    private static AddressGuard guard(List<String> allowPrivate, String... answer) {
        return new AddressGuard(allowPrivate, host -> {
            InetAddress[] addresses = new InetAddress[answer.length];
            for (int i = 0; i < answer.length; i++) {
                addresses[i] = InetAddress.getByName(answer[i]);
            }
            return addresses;
        });
    }

    private static String refusal(AddressGuard guard, String host) {
        return assertThrows(AddressGuard.Refused.class, () -> guard.addressesOf(host)).getMessage();
    }

    @Test
    void refusesEveryKindOfNonPublicAddress() {
        List<String> blocked = List.of("0.0.0.0", "127.0.0.2", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                "192.168.0.1", "100.64.0.1", "169.254.1.1", "224.0.0.1", "255.255.255.255", "::", "::1",
                "fe80::1", "fc00::1", "fd12::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
                "64:ff9b::a00:1", "2002:7f00:1::");
        for (String address : blocked) {
            assertThrows(AddressGuard.Refused.class, () -> guard(List.of(), address).addressesOf("x.test"), address);
        }
    }

    @Test
    void allowsPublicAddresses() throws Exception {
        for (String address : List.of("93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::1111")) {
            assertEquals(1, guard(List.of(), address).addressesOf("x.test").size(), address);
        }
    }

    @Test
    void oneBadAddressAmongGoodOnesRefusesTheHost() {
        assertTrue(refusal(guard(List.of(), "93.184.216.34", "10.0.0.7"), "mixed.test")
                .startsWith("mixed.test resolves to 10.0.0.7, a private address"));
    }

    @Test
    void allowPrivateNamesHostsAsWrittenOrAddressBlocks() throws Exception {
        assertEquals(1, guard(List.of("NAS.local"), "192.168.1.5").addressesOf("nas.local.").size());
        assertEquals(1, guard(List.of("192.168.1.0/24"), "192.168.1.5").addressesOf("printer.test").size());
        assertTrue(refusal(guard(List.of("192.168.1.0/24"), "192.168.2.5"), "other.test").contains("private"));
        assertTrue(refusal(guard(List.of("nas.local"), "127.0.0.1"), "127.0.0.1").contains("loopback"));
    }

    @Test
    void cloudMetadataStaysRefusedEvenWhenAllowed() {
        assertTrue(refusal(guard(List.of("metadata.test", "169.254.0.0/16"), "169.254.169.254"), "metadata.test")
                .contains("cloud metadata"));
        assertTrue(refusal(guard(List.of("fd00::/8"), "fd00:ec2::254"), "aws.test").contains("cloud metadata"));
    }

    @Test
    void anUnknownNameIsReportedAsSuch() {
        AddressGuard guard = new AddressGuard(List.of(), host -> {
            throw new UnknownHostException(host);
        });
        assertThrows(UnknownHostException.class, () -> guard.addressesOf("nowhere.invalid"));
    }
}
