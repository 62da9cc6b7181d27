package com.onward.portal;

import java.security.Principal;
import java.util.UUID;

/**
 * The signed-in contact of a portal session: every portal read is scoped by {@link #accountId()}.
 * Its name ({@code portal:address}) is what the audit log shows for what the contact does.
 */
public record PortalUser(UUID contactId, UUID accountId, String name, String email, String language,
		String sessionHash) implements Principal {

	@Override
	public String getName() {
		return "portal:" + email;
	}
}
