package com.onward.graduation;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import com.onward.identity.AuditLog;
import com.onward.identity.StaffRole;
import com.onward.identity.Users;
import com.onward.onboarding.Project;
import com.onward.shared.BusinessRuleException;

/**
 * What must hold before a project graduates (it cannot be undone): an ongoing CSM to hand over to,
 * and, when it is more than the configured number of days before the planned date, a reason and a CS
 * manager's approval.
 */
@Component
class GraduationGuard {

	/** How early a graduation on {@code today} would be. */
	record Early(long days, LocalDate planned) {
	}

	private final GraduationGuardProperties props;
	private final Users users;

	GraduationGuard(GraduationGuardProperties props, Users users) {
		this.props = props;
		this.users = users;
	}

	/** Present when graduating today needs a manager and a reason. */
	Optional<Early> early(Project project, LocalDate today) {
		return early(project.targetGraduationDate(), today);
	}

	Optional<Early> early(LocalDate planned, LocalDate today) {
		long days = ChronoUnit.DAYS.between(today, planned);
		return days > props.approvalBeyondDaysEarly() ? Optional.of(new Early(days, planned)) : Optional.empty();
	}

	/** The CS managers who may approve an early graduation (by user name). */
	List<Users.StaffUser> managers() {
		return users.all().stream().filter(u -> u.role() == StaffRole.CS_MANAGER || u.role() == StaffRole.ADMIN).toList();
	}

	/** Refuses what may not graduate; returns the approval note for the audit log (empty when on time). */
	String check(Project project, Graduations.Graduate request, LocalDate today) {
		if (request.ongoingCsm() == null || request.ongoingCsm().isBlank()) {
			throw new BusinessRuleException("ongoingCsm", "name the ongoing CSM who takes the customer over",
					"error.graduation.ongoingCsmRequired");
		}
		Optional<Early> early = early(project, today);
		if (early.isEmpty()) return "";
		long days = early.get().days();
		LocalDate planned = early.get().planned();
		String approver = approver(request.approvedBy());
		if (request.earlyReason() == null || request.earlyReason().isBlank() || approver == null) {
			throw new BusinessRuleException(approver == null ? "approvedBy" : "earlyReason",
					"graduating " + days + " days before the planned " + planned + " needs a CS manager and a reason",
					"error.graduation.earlyNeedsApproval", days, planned);
		}
		return "; " + days + " days early, approved by " + approver + ": " + request.earlyReason().strip();
	}

	/** The approving manager: the one named, or the person graduating when they are a manager. */
	private String approver(String named) {
		if (named != null && !named.isBlank()) {
			return users.find(named.strip())
				.filter(u -> u.role() == StaffRole.CS_MANAGER || u.role() == StaffRole.ADMIN)
				.map(Users.StaffUser::username)
				.orElseThrow(() -> new BusinessRuleException("approvedBy", "'" + named + "' is not a CS manager",
						"error.graduation.notAManager", named));
		}
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		boolean manager = auth != null && auth.getAuthorities().stream()
			.anyMatch(a -> a.getAuthority().equals(StaffRole.CS_MANAGER.authority())
					|| a.getAuthority().equals(StaffRole.ADMIN.authority()));
		return manager ? AuditLog.currentActor() : null;
	}
}
