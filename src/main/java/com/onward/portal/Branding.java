package com.onward.portal;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.identity.AuditLog;
import com.onward.shared.InvalidInputException;

/** The vendor's name, logo and accent colour on portal pages and emails (admin settings). */
@Service
public class Branding {

	public record Brand(String vendorName, String logoUrl, String accentColour) {
	}

	static final String DEFAULT_ACCENT = "#0b5cad";

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;
	private final String product;

	Branding(JdbcClient jdbc, AuditLog audit, Clock clock, @Value("${onward.messaging.product}") String product) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.product = product;
	}

	/** A brand from its stored columns (null where unset), with the defaults filled in. */
	Brand of(String vendorName, String logoUrl, String accentColour) {
		return new Brand(vendorName == null ? product : vendorName, logoUrl, accentColour == null ? DEFAULT_ACCENT : accentColour);
	}

	public Brand current() {
		return jdbc.sql("select vendor_name, logo_url, accent_colour from portal_branding where id = 1")
			.query((rs, n) -> new Brand(rs.getString(1) == null ? product : rs.getString(1), rs.getString(2),
					rs.getString(3) == null ? DEFAULT_ACCENT : rs.getString(3)))
			.optional().orElse(new Brand(product, null, DEFAULT_ACCENT));
	}

	@Transactional
	public Brand update(String vendorName, String logoUrl, String accentColour) {
		String name = vendorName == null || vendorName.isBlank() ? null : vendorName.strip();
		String logo = logoUrl == null || logoUrl.isBlank() ? null : logoUrl.strip();
		String accent = accentColour == null || accentColour.isBlank() ? null : accentColour.strip();
		if (name != null && name.length() > 100) throw InvalidInputException.of("vendorName", "must be at most 100 characters");
		if (logo != null && (logo.length() > 1000 || !logo.matches("https?://[^\\s\"'<>]+"))) {
			throw InvalidInputException.of("logoUrl", "must be an http(s) address");
		}
		if (accent != null && !accent.matches("#[0-9a-fA-F]{6}")) {
			throw InvalidInputException.of("accentColour", "must be a colour like #0b5cad");
		}
		jdbc.sql("""
				update portal_branding set vendor_name = :n, logo_url = :l, accent_colour = :c, updated_by = :by, updated_at = :at
				where id = 1""")
			.param("n", name).param("l", logo).param("c", accent).param("by", AuditLog.currentActor())
			.param("at", Timestamp.from(clock.instant())).update();
		audit.record("portal.branding", "portal", "branding", name + " " + accent);
		return current();
	}
}
