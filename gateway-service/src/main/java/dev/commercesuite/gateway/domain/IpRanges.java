package dev.commercesuite.gateway.domain;

import java.util.List;
import java.util.Optional;

/** A list of address ranges, as configured (trusted proxies, allow and deny lists). */
public final class IpRanges {

    private final List<Cidr> ranges;

    private IpRanges(List<Cidr> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Parses each entry; blank entries are ignored. */
    public static IpRanges of(Optional<List<String>> entries) {
        return new IpRanges(entries.orElse(List.of()).stream().filter(e -> !e.isBlank()).map(Cidr::parse).toList());
    }

    public static IpRanges none() {
        return new IpRanges(List.of());
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether {@code address} lies in any of the ranges; a value that is not an IP literal lies in none. */
    public boolean contains(String address) {
        if (ranges.isEmpty()) {
            return false;
        }
        byte[] bytes = Cidr.literal(address);
        if (bytes == null) {
            return false;
        }
        for (Cidr range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}
