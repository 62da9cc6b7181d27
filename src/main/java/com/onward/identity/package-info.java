/**
 * Identity: staff users and their roles, form sign-in for the UI, hashed and revocable
 * API bearer tokens, the bootstrap admin token for scripts, and the audit log of who
 * changed what. Other modules record changes through {@link com.onward.identity.AuditLog}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared" })
package com.onward.identity;
