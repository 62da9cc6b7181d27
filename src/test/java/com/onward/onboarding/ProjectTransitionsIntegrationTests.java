package com.onward.onboarding;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import com.onward.IntegrationTest;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.InvalidInputException;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The named transitions of a project's lifecycle, each checked by {@link ProjectStatus}; completing is graduation's. */
@RecordApplicationEvents
class ProjectTransitionsIntegrationTests extends IntegrationTest {

	@Autowired
	Projects projects;

	@Autowired
	ApplicationEvents events;

	UUID id;

	@BeforeEach
	void projectAndManager() {
		id = UUID.fromString(post("/api/v1/contracts", contract(unique("opp"), "2026-03-01T09:00:00Z", 40, 5_000, "en"))
			.body().get("projectId").asString());
		SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("maya", null,
				List.of(new SimpleGrantedAuthority("ROLE_CS_MANAGER"))));
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void eachTransitionOnlyFromItsOwnStatus() {
		assertThat(projects.get(id).status()).isEqualTo(ProjectStatus.IN_PROGRESS);
		assertThatThrownBy(() -> projects.start(id, null)).isInstanceOf(BusinessRuleException.class);
		assertThatThrownBy(() -> projects.resume(id, null)).isInstanceOf(BusinessRuleException.class);
		assertThatThrownBy(() -> projects.reopen(id, "not cancelled")).isInstanceOf(BusinessRuleException.class);
		assertThatThrownBy(() -> projects.hold(id, " ")).isInstanceOf(InvalidInputException.class);

		assertThat(projects.hold(id, "Customer busy season").status()).isEqualTo(ProjectStatus.ON_HOLD);
		assertThatThrownBy(() -> projects.hold(id, "again")).isInstanceOf(BusinessRuleException.class);
		assertThat(projects.resume(id, null).status()).isEqualTo(ProjectStatus.IN_PROGRESS);
		assertThat(projects.cancel(id, "Contract ended").status()).isEqualTo(ProjectStatus.CANCELLED);
		assertThatThrownBy(() -> projects.cancel(id, "again")).isInstanceOf(BusinessRuleException.class);
		// A wrong move is refused as such (422), before anyone is asked for a reason.
		assertThatThrownBy(() -> projects.start(id, null)).isInstanceOf(BusinessRuleException.class);
		assertThatThrownBy(() -> projects.resume(id, null)).isInstanceOf(BusinessRuleException.class);
		assertThat(projects.reopen(id, "Renewed").status()).isEqualTo(ProjectStatus.IN_PROGRESS);

		assertThat(events.stream(ProjectClosed.class).filter(e -> e.projectId().equals(id))).as("closed once")
			.hasSize(1);
	}

	@Test
	void theApiRefusesMovesOffTheLifecycleWith422() {
		String path = "/api/v1/projects/" + id;
		assertProblem(call("PATCH", path, Map.of("status", "NOT_STARTED")), 422, "status");
		assertProblem(call("PATCH", path, Map.of("status", "COMPLETED", "reason", "done")), 422, "status");
		assertProblem(call("PATCH", path, Map.of("status", "IN_PROGRESS")), 422, "status");
		assertThat(get(path).body().get("status").asString()).isEqualTo("IN_PROGRESS");
	}

	@Test
	void theLifecycleAsATable() {
		for (ProjectStatus from : ProjectStatus.values()) {
			assertThat(from.canTransitionTo(ProjectStatus.COMPLETED)).as(from + " → COMPLETED").isFalse();
			assertThat(from.canTransitionTo(ProjectStatus.NOT_STARTED)).as(from + " → NOT_STARTED").isFalse();
			assertThat(from.canTransitionTo(from)).as(from + " → itself").isFalse();
		}
		assertThat(ProjectStatus.NOT_STARTED.canTransitionTo(ProjectStatus.IN_PROGRESS)).isTrue();
		assertThat(ProjectStatus.IN_PROGRESS.canTransitionTo(ProjectStatus.ON_HOLD)).isTrue();
		assertThat(ProjectStatus.ON_HOLD.canTransitionTo(ProjectStatus.IN_PROGRESS)).isTrue();
		assertThat(ProjectStatus.ON_HOLD.canTransitionTo(ProjectStatus.CANCELLED)).isTrue();
		assertThat(ProjectStatus.CANCELLED.canTransitionTo(ProjectStatus.IN_PROGRESS)).isTrue();
		assertThat(ProjectStatus.CANCELLED.canTransitionTo(ProjectStatus.ON_HOLD)).isFalse();
		assertThat(ProjectStatus.COMPLETED.next()).isEmpty();
	}

	@Test
	void onlyGraduationCompletesAProject() {
		var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("com.onward");
		noClasses().that().resideOutsideOfPackages("com.onward.graduation..", "com.onward.onboarding..")
			.should().callMethod(Projects.class, "complete", UUID.class)
			.because("a project completes only by graduating (scorecard, handoff, review)").check(classes);
	}
}
