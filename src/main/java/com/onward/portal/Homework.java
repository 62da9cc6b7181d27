package com.onward.portal;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.account.Accounts;
import com.onward.identity.AuditLog;
import com.onward.identity.Users;
import com.onward.messaging.Notifications;
import com.onward.messaging.StaffNotice;
import com.onward.onboarding.ItemStatus;
import com.onward.onboarding.ItemUpdate;
import com.onward.onboarding.Projects;
import com.onward.shared.InvalidInputException;
import com.onward.shared.LocalizedText;
import com.onward.shared.NotFoundException;
import com.onward.team.Team;
import com.onward.team.TeamMember;

import tools.jackson.databind.ObjectMapper;

/**
 * The customer's homework in the portal: completing an item goes through the onboarding module
 * (so progress moves and {@code ItemCompleted} fires), comments and files are kept here; each of
 * them notifies the account's CSM once (inbox, email, chat channels).
 */
@Service
class Homework {

	record Upload(String filename, String contentType, byte[] data) {
	}

	record StoredFile(String filename, String contentType, byte[] data) {
	}

	private record Target(UUID id, UUID projectId, String status, LocalizedText name) {
	}

	private final JdbcClient jdbc;
	private final Projects projects;
	private final Accounts accounts;
	private final Team team;
	private final Users users;
	private final Notifications notifications;
	private final AuditLog audit;
	private final PortalProperties props;
	private final ObjectMapper json;
	private final Clock clock;

	Homework(JdbcClient jdbc, Projects projects, Accounts accounts, Team team, Users users, Notifications notifications,
			AuditLog audit, PortalProperties props, ObjectMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.projects = projects;
		this.accounts = accounts;
		this.team = team;
		this.users = users;
		this.notifications = notifications;
		this.audit = audit;
		this.props = props;
		this.json = json;
		this.clock = clock;
	}

	/** Marks the contact's own homework item done; anything else is not found. */
	@Transactional
	public void complete(PortalUser user, UUID itemId) {
		Target item = homework(user, itemId);
		if (!"DONE".equals(item.status())) {
			projects.updateItem(item.projectId(), itemId, new ItemUpdate(ItemStatus.DONE, null, null, null));
			notifyCsm(user, "portal:done:" + itemId, "notice.PORTAL_HOMEWORK_DONE", item);
		}
	}

	@Transactional
	public UUID comment(PortalUser user, UUID itemId, String text) {
		Target item = homework(user, itemId);
		String body = text == null ? "" : text.strip();
		if (body.isEmpty()) throw InvalidInputException.of("comment", "must not be empty");
		if (body.length() > 4000) throw InvalidInputException.of("comment", "must be at most 4,000 characters");
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into portal_comment (id, account_id, project_id, item_id, contact_id, author, body, created_at)
				values (:id, :a, :p, :i, :c, :author, :body, :at)""")
			.param("id", id).param("a", user.accountId()).param("p", item.projectId()).param("i", itemId)
			.param("c", user.contactId()).param("author", user.name()).param("body", body)
			.param("at", Timestamp.from(clock.instant())).update();
		audit.record("portal.comment", "project", item.projectId(), item.name().en());
		notifyCsm(user, "portal:comment:" + id, "notice.PORTAL_HOMEWORK_COMMENT", item);
		return id;
	}

	@Transactional
	public UUID upload(PortalUser user, UUID itemId, Upload upload) {
		Target item = homework(user, itemId);
		if (upload == null || upload.data() == null || upload.data().length == 0) {
			throw InvalidInputException.of("file", "choose a file");
		}
		if (upload.data().length > props.maxUploadBytes()) {
			throw InvalidInputException.of("file", "must be at most " + props.maxUploadBytes() / (1024 * 1024) + " MB");
		}
		String type = detect(upload.filename(), upload.data());
		if (type == null || !props.uploadTypes().contains(type)) {
			throw InvalidInputException.of("file", "must be a PDF, PNG, JPEG, CSV, text, Word or Excel file");
		}
		String filename = safeName(upload.filename());
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into portal_file (id, account_id, project_id, item_id, contact_id, filename, content_type, size, data, created_at)
				values (:id, :a, :p, :i, :c, :name, :type, :size, :data, :at)""")
			.param("id", id).param("a", user.accountId()).param("p", item.projectId()).param("i", itemId)
			.param("c", user.contactId()).param("name", filename).param("type", type).param("size", upload.data().length)
			.param("data", upload.data()).param("at", Timestamp.from(clock.instant())).update();
		audit.record("portal.file", "project", item.projectId(), filename);
		notifyCsm(user, "portal:file:" + id, "notice.PORTAL_HOMEWORK_FILE", item);
		return id;
	}

	/** A file of an account (the portal's scope, or a staff member looking at the project). */
	Optional<StoredFile> file(UUID accountId, UUID fileId) {
		return jdbc.sql("select filename, content_type, data from portal_file where id = :id and account_id = :a")
			.param("id", fileId).param("a", accountId)
			.query((rs, n) -> new StoredFile(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional();
	}

	Optional<StoredFile> fileForProject(UUID projectId, UUID fileId) {
		return jdbc.sql("select filename, content_type, data from portal_file where id = :id and project_id = :p")
			.param("id", fileId).param("p", projectId)
			.query((rs, n) -> new StoredFile(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional();
	}

	private Target homework(PortalUser user, UUID itemId) {
		return jdbc.sql("""
				select id, project_id, status, name from onboarding_customer_item_v
				where id = :id and account_id = :a and customer_homework""")
			.param("id", itemId).param("a", user.accountId())
			.query((rs, n) -> new Target(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					json.readValue(rs.getString(4), LocalizedText.class)))
			.optional().orElseThrow(() -> new NotFoundException("Homework", itemId));
	}

	/** Inbox entry, email and chat notice for the account's CSM, once per key. */
	private void notifyCsm(PortalUser user, String key, String textKey, Target item) {
		var account = accounts.get(user.accountId());
		if (account.ownerCsmId() == null) return;
		TeamMember csm;
		try {
			csm = team.member(account.ownerCsmId());
		}
		catch (RuntimeException e) {
			return;
		}
		UUID userId = csm.userId() != null ? csm.userId()
				: csm.email() == null ? null : users.all().stream().filter(u -> csm.email().equalsIgnoreCase(u.email()))
					.map(Users.StaffUser::id).findFirst().orElse(null);
		notifications.notifyAll(List.of(new StaffNotice(key, userId, csm.email() == null || csm.email().isEmpty() ? null : csm.email(),
				user.accountId(), textKey, List.of(account.name(), user.name(), item.name()))));
	}

	/** The type a file really is (by its first bytes, and its name for text and Office files). */
	static String detect(String filename, byte[] data) {
		String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
		if (startsWith(data, '%', 'P', 'D', 'F')) return "application/pdf";
		if (startsWith(data, 0x89, 'P', 'N', 'G')) return "image/png";
		if (startsWith(data, 0xFF, 0xD8, 0xFF)) return "image/jpeg";
		if (startsWith(data, 'P', 'K', 3, 4)) {
			if (name.endsWith(".xlsx")) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
			if (name.endsWith(".docx")) return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
			return null;
		}
		if ((name.endsWith(".csv") || name.endsWith(".txt")) && text(data)) {
			return name.endsWith(".csv") ? "text/csv" : "text/plain";
		}
		return null;
	}

	private static boolean startsWith(byte[] data, int... prefix) {
		if (data.length < prefix.length) return false;
		for (int i = 0; i < prefix.length; i++) {
			if ((data[i] & 0xFF) != prefix[i]) return false;
		}
		return true;
	}

	private static boolean text(byte[] data) {
		for (byte b : data) {
			if (b == 0) return false;
		}
		try {
			StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(data));
			return true;
		}
		catch (CharacterCodingException e) {
			return false;
		}
	}

	private static String safeName(String filename) {
		String base = filename == null ? "file" : filename.replace('\\', '/');
		base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
		if (base.isEmpty()) base = "file";
		return base.length() > 200 ? base.substring(base.length() - 200) : base;
	}

}
