package io.pushbench.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the source addresses to spread connections over: a range of IPv4 addresses
 * {@code 127.0.0.2-127.0.0.9}, or a comma-separated list of addresses. Each must be an address of
 * this machine (every {@code 127.x.y.z} is, on Linux): it is checked by binding a socket to it.
 */
final class LocalAddressesConverter implements CommandLine.ITypeConverter<List<InetAddress>> {

    /** Most addresses a range may hold. */
    static final int MAX_ADDRESSES = 256;

    @Override
    public List<InetAddress> convert(String value) {
        List<InetAddress> addresses = new ArrayList<>();
        for (String part : value.split(",")) {
            String text = part.strip();
            int dash = text.indexOf('-');
            if (dash > 0) {
                addresses.addAll(range(text, text.substring(0, dash).strip(), text.substring(dash + 1).strip()));
            } else {
                addresses.add(address(text));
            }
        }
        if (addresses.size() > MAX_ADDRESSES) {
            throw new CommandLine.TypeConversionException("'" + value + "' names " + addresses.size()
                    + " addresses; at most " + MAX_ADDRESSES);
        }
        for (InetAddress address : addresses) {
            checkLocal(address);
        }
        return addresses;
    }

    private static List<InetAddress> range(String text, String from, String to) {
        InetAddress first = address(from);
        InetAddress last = address(to);
        if (!(first instanceof Inet4Address) || !(last instanceof Inet4Address)) {
            throw new CommandLine.TypeConversionException("'" + text + "': ranges are for IPv4 addresses; list IPv6 "
                    + "addresses with commas");
        }
        long start = toLong(first);
        long end = toLong(last);
        if (end < start || end - start >= MAX_ADDRESSES) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a range of 1 to " + MAX_ADDRESSES
                    + " addresses, lowest first (e.g. 127.0.0.2-127.0.0.9)");
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (long a = start; a <= end; a++) {
            byte[] bytes = {(byte) (a >> 24), (byte) (a >> 16), (byte) (a >> 8), (byte) a};
            try {
                addresses.add(InetAddress.getByAddress(bytes));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("four bytes are always an IPv4 address", e);
            }
        }
        return addresses;
    }

    private static InetAddress address(String text) {
        // Literal addresses only: a host name here would mean a DNS lookup per option parse.
        if (!text.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not an IP address (write e.g. 127.0.0.2)");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not an IP address (write e.g. 127.0.0.2)");
        }
    }

    private static long toLong(InetAddress address) {
        long value = 0;
        for (byte b : address.getAddress()) {
            value = value << 8 | (b & 0xff);
        }
        return value;
    }

    private static void checkLocal(InetAddress address) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(address, 0));
        } catch (IOException e) {
            throw new CommandLine.TypeConversionException(address.getHostAddress()
                    + " is not an address of this machine (cannot bind to it: " + e.getMessage() + ")");
        }
    }
}
