package com.onward.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.onward.IntegrationTest;

/** The project's status moves only along its lifecycle; managers decide holds, cancellations and reopenings. */
@org.springframework.test.context.event.RecordApplicationEvents
class ProjectLifecycleIntegrationTests extends IntegrationTest {

	@Autowired
	JdbcClient jdbc;

	String csm;
	String manager;
	String id;

	@BeforeEach
	void project() {
		csm = token("CSM");
		manager = token("CS_MANAGER");
		id = post("/api/v1/contracts", contract(unique("opp"), "2026-03-01T09:00:00Z", 40, 5_000, "en")).body()
			.get("projectId").asString();
	}

	@Test
	void completedOnlyThroughGraduation() {
		for (String token : new String[] { csm, manager, ADMIN_TOKEN }) {
			assertProblem(call("PATCH", "/api/v1/projects/" + id, Map.of("status", "COMPLETED", "reason", "done"), token),
					422, "status");
		}
		assertThat(status()).isEqualTo("IN_PROGRESS");
		com.onward.testing.MetValue.meet(this::post, id);
		post("/api/v1/projects/" + id + "/scorecard", Map.of("technical", 9, "knowledge", 9, "adoption", 9, "value", 9,
				"stakeholder", 9));
		assertThat(post("/api/v1/projects/" + id + "/graduate", Map.of("ongoingCsm", "Nadia")).status()).isEqualTo(200);
		assertThat(status()).isEqualTo("COMPLETED");
		// Final: nobody reopens a graduated project.
		assertProblem(call("PATCH", "/api/v1/projects/" + id, Map.of("status", "IN_PROGRESS", "reason", "oops"), manager),
				422, "status");
	}

	@Test
	void holdingCancellingAndReopeningAreAManagersDecisionWithAReason() {
		assertThat(call("PATCH", "/api/v1/projects/" + id, Map.of("status", "ON_HOLD", "reason", "Busy season"), csm)
			.status()).isEqualTo(403);
		assertThat(call("PATCH", "/api/v1/projects/" + id, Map.of("status", "CANCELLED", "reason", "Churned"), csm)
			.status()).isEqualTo(403);
		assertThat(status()).isEqualTo("IN_PROGRESS");

		assertProblem(call("PATCH", "/api/v1/projects/" + id, Map.of("status", "ON_HOLD"), manager), 400, "reason");
		assertThat(call("PATCH", "/api/v1/projects/" + id, Map.of("status", "ON_HOLD", "reason", "Customer busy season"),
				manager).status()).isEqualTo(200);
		assertThat(status()).isEqualTo("ON_HOLD");
		// Resuming is everyday work.
		assertThat(call("PATCH", "/api/v1/projects/" + id, Map.of("status", "IN_PROGRESS"), csm).status()).isEqualTo(200);

		assertThat(call("PATCH", "/api/v1/projects/" + id, Map.of("status", "CANCELLED", "reason", "Contract ended early"),
				manager).status()).isEqualTo(200);
		assertThat(activeAssignments()).as("the team was released (ProjectClosed)").isZero();
		assertProblem(call("PATCH", "/api/v1/projects/" + id, Map.of("status", "CANCELLED", "reason", "again"), manager),
				422, "status");

		assertThat(call("PATCH", "/api/v1/projects/" + id, Map.of("status", "IN_PROGRESS", "reason", "x"), csm).status())
			.isEqualTo(403);
		assertThat(call("PATCH", "/api/v1/projects/" + id, Map.of("status", "IN_PROGRESS", "reason", "Renewed"), manager)
			.status()).isEqualTo(200);
		assertThat(status()).isEqualTo("IN_PROGRESS");

		assertThat(jdbc.sql("select detail from audit_log where entity_type = 'project' and entity_id = :id and action = 'project.status' order by id")
			.param("id", id).query(String.class).list()).containsExactly("IN_PROGRESS → ON_HOLD: Customer busy season",
					"ON_HOLD → IN_PROGRESS", "IN_PROGRESS → CANCELLED: Contract ended early",
					"CANCELLED → IN_PROGRESS: Renewed");
	}

	@Test
	void theDomainRefusesMovesOffTheLifecycle() {
		assertThat(ProjectStatus.IN_PROGRESS.next()).doesNotContain(ProjectStatus.COMPLETED, ProjectStatus.NOT_STARTED);
		assertThat(ProjectStatus.COMPLETED.next()).isEmpty();
		assertThat(ProjectStatus.CANCELLED.needsManager(ProjectStatus.IN_PROGRESS)).isTrue();
		assertThat(ProjectStatus.ON_HOLD.needsManager(ProjectStatus.IN_PROGRESS)).isFalse();
	}

	private String status() {
		return get("/api/v1/projects/" + id).body().get("status").asString();
	}

	@Test
	void projectClosedIsPublishedOncePerClosing() {
		UUID project = UUID.fromString(id);
		var auth = new org.springframework.security.authentication.UsernamePasswordAuthenticationToken("maya", null,
				java.util.List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_CS_MANAGER")));
		org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(auth);
		try {
			projects.changeStatus(project, ProjectStatus.CANCELLED, "Churned");
			org.assertj.core.api.Assertions.assertThatThrownBy(
					() -> projects.changeStatus(project, ProjectStatus.CANCELLED, "Churned again"))
				.isInstanceOf(com.onward.shared.BusinessRuleException.class);
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> projects.complete(project))
				.isInstanceOf(com.onward.shared.BusinessRuleException.class);
			assertThat(events.stream(ProjectClosed.class).filter(e -> e.projectId().equals(project))).hasSize(1);
		}
		finally {
			org.springframework.security.core.context.SecurityContextHolder.clearContext();
		}
	}

	@Autowired
	Projects projects;

	@Autowired
	org.springframework.test.context.event.ApplicationEvents events;

	private long activeAssignments() {
		return jdbc.sql("select count(*) from project_assignment where project_id = :p and active and member_id is not null")
			.param("p", UUID.fromString(id)).query(Long.class).single();
	}

	private String token(String role) {
		return post("/api/v1/admin/tokens", Map.of("name", unique(role.toLowerCase()), "role", role)).body().get("token")
			.asString();
	}
}
