package io.issuegraph.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The key a client address is limited by: an IPv4 address as it is; an IPv6 address by its /64, the
 * block one customer gets, so that the 2^64 addresses of one network share one budget. Only literals
 * are parsed, never looked up (whatever a forwarded header claimed, no DNS query is made).
 */
final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    static final String UNPARSABLE = "unparsable";

    private ClientAddress() {
    }

    /** The key of a socket's peer (its address as forwarded headers gave it, when they are trusted). */
    static String key(InetSocketAddress peer) {
        return key(peer == null ? null : peer.getAddress() == null ? peer.getHostString() : peer.getAddress().getHostAddress());
    }

    static String key(String address) {
        if (address == null) {
            return UNPARSABLE;
        }
        var ipv4 = IPV4.matcher(address);
        if (ipv4.matches()) {
            for (int group = 1; group <= 4; group++) {
                if (Integer.parseInt(ipv4.group(group)) > 255) {
                    return UNPARSABLE;
                }
            }
            return address;
        }
        int zone = address.indexOf('%');
        String literal = zone < 0 ? address : address.substring(0, zone);
        if (literal.indexOf(':') < 0 || !IPV6.matcher(literal).matches()) {
            return UNPARSABLE;
        }
        try {
            byte[] bytes = InetAddress.getByName(literal).getAddress(); // a literal with ':' is parsed, never resolved
            return bytes.length == 4 ? InetAddress.getByAddress(bytes).getHostAddress()
                    : HexFormat.of().formatHex(Arrays.copyOf(bytes, 8)) + "/64";
        } catch (UnknownHostException malformed) {
            return UNPARSABLE;
        }
    }
}
