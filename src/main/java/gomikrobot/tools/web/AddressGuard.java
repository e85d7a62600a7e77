package gomikrobot.tools.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which hosts {@code web_fetch} may connect to: a host is resolved once, and refused when any of its
 * addresses is loopback, private, link-local, multicast, unspecified, reserved or a cloud metadata address, so a
 * page cannot lead the agent into the user's network or the cloud's credentials. The caller connects to exactly
 * the addresses returned (never resolving the name again: DNS rebinding). {@code allowPrivate} names hosts (as
 * written in the URL) or address blocks the user wants reachable anyway; cloud metadata addresses stay refused
 * whatever it says. Immutable.
 */
final class AddressGuard {
    /** Resolves a host name; {@link InetAddress#getAllByName} in production. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A host that must not be reached, and why, in words for the model. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * The address blocks, built on the first check rather than when the agent is wired: most processes never
     * fetch a page (a class of its own is initialised when first used).
     */
    private static final class Blocks {
        static final List<Cidr> METADATA = List.of(Cidr.of("169.254.169.254"), Cidr.of("169.254.170.2"),
                Cidr.of("100.100.100.200"), Cidr.of("192.0.0.192"), Cidr.of("fd00:ec2::254"));
        /** Blocks named by what they are; checked in order, the first that holds names the refusal. */
        static final Map<Cidr, String> BLOCKED = blocks(
                "0.0.0.0/8", "an unspecified", "127.0.0.0/8", "a loopback", "10.0.0.0/8", "a private",
                "172.16.0.0/12", "a private", "192.168.0.0/16", "a private", "100.64.0.0/10", "a private (shared)",
                "169.254.0.0/16", "a link-local", "192.0.0.0/24", "a reserved", "198.18.0.0/15", "a reserved",
                "224.0.0.0/4", "a multicast", "240.0.0.0/4", "a reserved",
                "::/128", "an unspecified", "::1/128", "a loopback", "fe80::/10", "a link-local",
                "fec0::/10", "a private (site-local)", "fc00::/7", "a private (unique local)",
                "ff00::/8", "a multicast",
                "100::/64", "a reserved");
    }

    private final Set<String> allowedHosts;
    private final List<Cidr> allowedBlocks;
    private final Resolver resolver;

    AddressGuard(List<String> allowPrivate, Resolver resolver) {
        Set<String> hosts = new HashSet<>();
        List<Cidr> blocks = new ArrayList<>();
        for (String allowed : allowPrivate) { // a plain loop: this runs while every process wires its agent
            hosts.add(normalHost(allowed));
            if (allowed.contains("/")) {
                Cidr.parse(allowed).ifPresent(blocks::add);
            }
        }
        this.allowedHosts = Set.copyOf(hosts);
        this.allowedBlocks = List.copyOf(blocks);
        this.resolver = resolver;
    }

    /**
     * The addresses of {@code host}, every one of them allowed; the connection must go to one of these.
     *
     * @throws Refused             when an address is one the agent must not reach
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> addressesOf(String host) throws Refused, UnknownHostException {
        String name = normalHost(host);
        InetAddress[] addresses = resolver.resolve(name);
        if (addresses.length == 0) {
            throw new UnknownHostException(name);
        }
        boolean hostAllowed = allowedHosts.contains(name);
        for (InetAddress address : addresses) {
            InetAddress judged = embeddedIpv4(address).orElse(address);
            if (Blocks.METADATA.stream().anyMatch(block -> block.contains(judged))) {
                throw new Refused(name + " resolves to " + judged.getHostAddress()
                        + ", a cloud metadata address, which is never fetched");
            }
            Optional<String> kind = kindOf(judged);
            if (kind.isPresent() && !hostAllowed && allowedBlocks.stream().noneMatch(b -> b.contains(judged))) {
                throw new Refused(name + " resolves to " + judged.getHostAddress() + ", " + kind.get()
                        + " address; add the host to tools.web.allowPrivate to let web_fetch reach it");
            }
        }
        return List.of(addresses);
    }

    private static Optional<String> kindOf(InetAddress address) {
        return Blocks.BLOCKED.entrySet().stream().filter(e -> e.getKey().contains(address)).map(Map.Entry::getValue)
                .findFirst();
    }

    /**
     * The IPv4 address inside an IPv6 one that reaches it: IPv4-mapped ({@code ::ffff:a.b.c.d}), IPv4-compatible,
     * NAT64 ({@code 64:ff9b::/96}) and 6to4 ({@code 2002:abcd:...}).
     */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        boolean zeros = true;
        for (int i = 0; i < 10; i++) {
            zeros &= b[i] == 0;
        }
        boolean mapped = zeros && (b[10] == (byte) 0xFF && b[11] == (byte) 0xFF || b[10] == 0 && b[11] == 0);
        boolean nat64 = Cidr.of("64:ff9b::/96").contains(address);
        if ((mapped && !isAllZeroOrOne(b)) || nat64) {
            return Optional.of(ipv4(b[12], b[13], b[14], b[15]));
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return Optional.of(ipv4(b[2], b[3], b[4], b[5]));
        }
        return Optional.empty();
    }

    /** {@code ::} and {@code ::1} are IPv6's own unspecified and loopback addresses, not IPv4-compatible ones. */
    private static boolean isAllZeroOrOne(byte[] b) {
        for (int i = 0; i < 15; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[15] == 0 || b[15] == 1;
    }

    private static InetAddress ipv4(byte a, byte b, byte c, byte d) {
        try {
            return InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    /** Lower case, without the brackets of an IPv6 literal or a trailing dot. */
    static String normalHost(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static Map<Cidr, String> blocks(String... pairs) {
        Map<Cidr, String> blocks = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            blocks.put(Cidr.of(pairs[i]), pairs[i + 1]);
        }
        return Collections.unmodifiableMap(blocks);
    }
}
