package com.onward.identity;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Staff sign in with the operator's OpenID Connect provider ({@code onward.sso.*}, off by default):
 * the authorization-code flow of Spring Security's OAuth2 client, the provider discovered from its
 * issuer, the ID token checked (signature, issuer, audience, nonce, expiry). Each sign-in maps the
 * role claim to a staff role and links or creates the local user, so disabling that user here still
 * ends the access, and the session's name is the local user name like a password sign-in's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "onward.sso.enabled", havingValue = "true")
class SingleSignOn {

	private static final Logger log = LoggerFactory.getLogger(SingleSignOn.class);

	@Bean
	ClientRegistrationRepository ssoRegistrations(SsoProperties sso) {
		if (sso.roles().isEmpty() && sso.defaultRole() == null) {
			log.warn("Single sign-on has no onward.sso.roles and no default-role: every sign-in will be refused");
		}
		var registration = ClientRegistrations.fromIssuerLocation(sso.issuerUri())
			.registrationId(SsoProperties.REGISTRATION)
			.clientId(sso.clientId())
			.clientSecret(sso.clientSecret())
			.scope(sso.scopes())
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.clientName("Single sign-on")
			.build();
		log.info("Single sign-on with {} (client {})", sso.issuerUri(), sso.clientId());
		return new InMemoryClientRegistrationRepository(registration);
	}

	@Bean
	OAuth2UserService<OidcUserRequest, OidcUser> ssoUsers(SsoProperties sso, Users users, AuditLog audit) {
		var provider = new OidcUserService();
		return request -> {
			OidcUser oidc = provider.loadUser(request);
			String issuer = String.valueOf(oidc.getIssuer());
			StaffRole role = role(sso, oidc.getClaim(sso.roleClaim()));
			String preferred = oidc.getClaimAsString(sso.usernameClaim());
			if (preferred == null) preferred = oidc.getEmail();
			if (preferred == null) preferred = oidc.getSubject();
			if (role == null) {
				audit.recordAs(String.valueOf(Users.ssoUsername(preferred)), "sign-in.refused", "user", null,
						"single sign-on: no Onward role in claim " + sso.roleClaim());
				throw refused("no Onward role is granted by claim " + sso.roleClaim());
			}
			String username;
			try {
				String displayName = oidc.getFullName() != null ? oidc.getFullName() : preferred;
				username = users.signedInWithSso(issuer, oidc.getSubject(), preferred, displayName, oidc.getEmail(), role);
			}
			catch (Users.SsoRefused e) {
				audit.recordAs(String.valueOf(Users.ssoUsername(preferred)), "sign-in.refused", "user", null,
						"single sign-on: " + e.getMessage());
				throw refused(e.getMessage());
			}
			return new StaffOidcUser(List.of(new SimpleGrantedAuthority(role.authority())), oidc, username);
		};
	}

	/** The most privileged role any value of the claim maps to, else the default role (may be null). */
	static StaffRole role(SsoProperties sso, Object claim) {
		Collection<?> values = claim instanceof Collection<?> list ? list : claim == null ? Set.of() : Set.of(claim);
		StaffRole best = null;
		for (Object value : values) {
			StaffRole mapped = sso.roles().get(String.valueOf(value));
			if (mapped != null && (best == null || mapped.ordinal() < best.ordinal())) best = mapped;
		}
		return best != null ? best : sso.defaultRole();
	}

	private static OAuth2AuthenticationException refused(String reason) {
		return new OAuth2AuthenticationException(new OAuth2Error("access_denied", reason, null), reason);
	}

	/** The provider's user under the local user name, so sessions and audit name the same user as a password sign-in. */
	static final class StaffOidcUser extends DefaultOidcUser {

		private static final long serialVersionUID = 1L;

		private final String username;

		StaffOidcUser(Collection<? extends GrantedAuthority> authorities, OidcUser user, String username) {
			super(authorities, user.getIdToken(), user.getUserInfo());
			this.username = username;
		}

		@Override
		public String getName() {
			return username;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof StaffOidcUser o && o.username.equals(username) && super.equals(other);
		}

		@Override
		public int hashCode() {
			return username.hashCode();
		}
	}
}
