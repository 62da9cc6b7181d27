package com.onward.messaging;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where Onward may send webhooks and chat notices: http(s) URLs without credentials whose host
 * resolves only to public addresses — never loopback, link-local (cloud metadata), private,
 * carrier-grade NAT, unique-local, multicast, unspecified or reserved ones, also when hidden in an
 * IPv4-mapped or NAT64 IPv6 address. Checked when an endpoint is registered and again right before
 * each call (the lookup then fills the JVM's address cache that the call itself uses, so a name
 * cannot be re-pointed in between). Hosts in {@code onward.messaging.outbound-allowed-hosts} are
 * exempt, for operators who really need an internal target.
 */
@Component
class OutboundTargets {

	/** Why a URL was refused (shown to the admin who registered it, and as the message's error). */
	static final class Refused extends Exception {
		Refused(String message) {
			super(message);
		}
	}

	private final Set<String> allowedHosts;

	OutboundTargets(@Value("${onward.messaging.outbound-allowed-hosts}") List<String> allowedHosts) {
		this.allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
			.map(h -> h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h)
			.collect(Collectors.toUnmodifiableSet());
	}

	/** The URL, checked; throws {@link Refused} with a reason a person understands. */
	URI check(String url) throws Refused {
		URI uri;
		try {
			uri = new URI(url == null ? "" : url.strip());
		}
		catch (java.net.URISyntaxException e) {
			throw new Refused("is not a valid URL");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) throw new Refused("must be an http or https URL");
		if (uri.getRawUserInfo() != null) throw new Refused("must not carry a user name or password");
		String host = uri.getHost();
		if (host == null || host.isBlank()) throw new Refused("must name a host");
		String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
		if (allowedHosts.contains(bare.toLowerCase(Locale.ROOT))) return uri;
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(bare);
		}
		catch (UnknownHostException e) {
			throw new Refused("names a host that cannot be resolved");
		}
		for (InetAddress address : addresses) {
			if (internal(address)) {
				throw new Refused("points to an internal address (" + address.getHostAddress()
						+ "); allow it with onward.messaging.outbound-allowed-hosts if you must");
			}
		}
		return uri;
	}

	/** Whether an address is not on the public internet. */
	static boolean internal(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] b = address.getAddress();
		if (address instanceof Inet4Address) return internalV4(b);
		if (address instanceof Inet6Address) {
			int first = b[0] & 0xff;
			if ((first & 0xfe) == 0xfc) return true; // fc00::/7 unique local
			if (first == 0xfe && (b[1] & 0xc0) == 0xc0) return true; // fec0::/10 site local (deprecated)
			boolean zeroPrefix = true;
			for (int i = 0; i < 10; i++) zeroPrefix &= b[i] == 0;
			if (zeroPrefix && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
				return internalV4(new byte[] { b[12], b[13], b[14], b[15] }); // IPv4-mapped or -compatible
			}
			if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
				return internalV4(new byte[] { b[12], b[13], b[14], b[15] }); // 64:ff9b::/96 NAT64
			}
			if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
				return true; // 2001:db8::/32 documentation
			}
		}
		return false;
	}

	private static boolean internalV4(byte[] b) {
		int a0 = b[0] & 0xff, a1 = b[1] & 0xff, a2 = b[2] & 0xff;
		return a0 == 0 // this network
				|| a0 == 10 || a0 == 127 // private, loopback
				|| (a0 == 100 && (a1 & 0xc0) == 64) // 100.64.0.0/10 carrier-grade NAT
				|| (a0 == 169 && a1 == 254) // link local, cloud metadata
				|| (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168) // private
				|| (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) // IETF protocol, TEST-NET-1
				|| (a0 == 198 && (a1 & 0xfe) == 18) // benchmarking
				|| (a0 == 198 && a1 == 51 && a2 == 100) || (a0 == 203 && a1 == 0 && a2 == 113) // TEST-NET-2/3
				|| a0 >= 224; // multicast, reserved, broadcast
	}
}
