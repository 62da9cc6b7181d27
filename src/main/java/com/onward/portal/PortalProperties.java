package com.onward.portal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Portal settings ({@code onward.portal}): magic-link lifetime and rate limits, session length,
 * upload limits and the notification limits. Which milestones ask for a CSAT is each playbook
 * milestone's flag (playbook editor).
 */
@ConfigurationProperties("onward.portal")
@Validated
record PortalProperties(@NotNull Duration linkTtl, @NotNull Duration sessionTtl, @Positive int maxRequestsPerAddress,
		@Positive int maxRequestsPerIp, @NotNull Duration requestWindow, @Positive long maxUploadBytes,
		@NotEmpty List<String> uploadTypes, boolean secureCookie, @Positive int linkWorkers,
		@NotNull Duration homeSnapshotTtl, @Positive int homeSnapshotAccounts, @Positive long homePageCacheChars,
		@NotNull Duration sessionCacheTtl, @Positive int sessionCacheSize) {
	// Defaults live in application.yml only.

	@AssertTrue(message = "session-cache-ttl must not be negative")
	boolean isSessionCacheTtlValid() {
		return sessionCacheTtl == null || !sessionCacheTtl.isNegative();
	}

	@AssertTrue(message = "link-ttl, session-ttl and request-window must be positive")
	boolean isPeriodsPositive() {
		return linkTtl == null || sessionTtl == null || requestWindow == null
				|| linkTtl.isPositive() && sessionTtl.isPositive() && requestWindow.isPositive();
	}
}
