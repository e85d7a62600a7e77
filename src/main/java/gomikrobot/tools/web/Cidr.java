package gomikrobot.tools.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An address block such as {@code 10.0.0.0/8} or {@code fc00::/7}. IPv4 and IPv6 blocks never match each other's
 * addresses; a caller that wants an IPv4-mapped IPv6 address judged as IPv4 unwraps it first.
 */
record Cidr(byte[] network, int prefix) {

    /** {@code "10.0.0.0/8"}, or a single address ({@code "::1"}, a /32 or /128); empty when it is neither. */
    static Optional<Cidr> parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        if (!isLiteral(address)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup happens
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
            if (prefix < 0 || prefix > bytes.length * 8) {
                return Optional.empty();
            }
            return Optional.of(new Cidr(bytes, prefix));
        } catch (UnknownHostException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Cidr of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an address block: " + text));
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (bytes[full] & mask) == (network[full] & mask);
    }

    /** Only digits, dots, hex digits and colons: something {@link InetAddress#getByName} reads without DNS. */
    static boolean isLiteral(String host) {
        if (host.isEmpty()) {
            return false;
        }
        if (host.contains(":")) {
            return host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        return host.chars().allMatch(c -> c >= '0' && c <= '9' || c == '.') && host.split("\\.", -1).length == 4;
    }
}
