package com.onward.portal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Portal settings ({@code onward.portal}): magic-link lifetime and rate limits, session length,
 * upload limits and the notification limits. Which milestones ask for a CSAT is each playbook
 * milestone's flag (playbook editor).
 */
@ConfigurationProperties("onward.portal")
record PortalProperties(Duration linkTtl, Duration sessionTtl, int maxRequestsPerAddress, int maxRequestsPerIp,
		Duration requestWindow, long maxUploadBytes, List<String> uploadTypes,
		boolean secureCookie, int linkWorkers, Duration homeSnapshotTtl, int homeSnapshotAccounts,
		long homePageCacheChars) {

	PortalProperties {
		if (linkTtl == null) linkTtl = Duration.ofMinutes(10);
		if (sessionTtl == null) sessionTtl = Duration.ofHours(12);
		if (maxRequestsPerAddress <= 0) maxRequestsPerAddress = 5;
		if (maxRequestsPerIp <= 0) maxRequestsPerIp = 30;
		if (requestWindow == null) requestWindow = Duration.ofMinutes(10);
		if (maxUploadBytes <= 0) maxUploadBytes = 10L * 1024 * 1024;
		if (uploadTypes == null || uploadTypes.isEmpty()) uploadTypes = List.of("application/pdf", "image/png", "image/jpeg",
				"text/csv", "text/plain", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
				"application/vnd.openxmlformats-officedocument.wordprocessingml.document");
		if (linkWorkers <= 0) linkWorkers = 2;
		if (homeSnapshotTtl == null) homeSnapshotTtl = Duration.ofSeconds(15);
		if (homeSnapshotAccounts <= 0) homeSnapshotAccounts = 20_000;
		if (homePageCacheChars <= 0) homePageCacheChars = 32_000_000;
	}
}
