package com.onward.identity;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import jakarta.validation.constraints.AssertTrue;

/**
 * Single sign-on for staff with OpenID Connect (off unless {@code enabled}). The provider at
 * {@code issuerUri} is discovered on start; staff are linked to it by issuer and subject. The role
 * comes from {@code roleClaim} (text or a list) through {@code roles} (claim value → role, the most
 * privileged match wins), else {@code defaultRole}; with neither, the sign-in is refused.
 */
@ConfigurationProperties("onward.sso")
@Validated
record SsoProperties(boolean enabled, String issuerUri, String clientId, String clientSecret, List<String> scopes,
		String usernameClaim, String roleClaim, Map<String, StaffRole> roles, StaffRole defaultRole) {

	/** The registration id, so the callback is {@code /login/oauth2/code/sso}. */
	static final String REGISTRATION = "sso";

	SsoProperties {
		scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "profile", "email") : List.copyOf(scopes);
		usernameClaim = usernameClaim == null || usernameClaim.isBlank() ? "preferred_username" : usernameClaim;
		roleClaim = roleClaim == null || roleClaim.isBlank() ? "roles" : roleClaim;
		roles = roles == null ? Map.of() : Map.copyOf(roles);
	}

	/** Enabled without a provider cannot work (and client-secret is optional, for public clients). */
	@AssertTrue(message = "issuer-uri and client-id must be set when single sign-on is enabled")
	boolean isProviderSet() {
		return !enabled || issuerUri != null && !issuerUri.isBlank() && clientId != null && !clientId.isBlank();
	}
}
