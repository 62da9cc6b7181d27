package com.onward.graduation;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import com.onward.onboarding.Project;
import com.onward.success.Criterion;
import com.onward.success.SuccessPlans;

/**
 * The blockers that are not red flags: no success criterion met, value not confirmed by the
 * customer, and open problems of a blocking kind (data quality, security by default).
 */
@Component
class ReadinessBlockers {

	static final String NO_CRITERION_MET = "VALUE_NO_CRITERION_MET";
	static final String VALUE_NOT_CONFIRMED = "VALUE_NOT_CONFIRMED";
	static final String OUTCOME = "BUSINESS_OUTCOME";

	private final SuccessPlans success;
	private final ProjectIssues issues;
	private final ReadinessProperties props;

	ReadinessBlockers(SuccessPlans success, ProjectIssues issues, ReadinessProperties props) {
		this.success = success;
		this.issues = issues;
		this.props = props;
	}

	List<Scorecard.Blocker> of(Project project) {
		var list = new ArrayList<Scorecard.Blocker>();
		List<Criterion> criteria = success.criteria(project.id());
		if (criteria.stream().noneMatch(Criterion::reached)) {
			list.add(new Scorecard.Blocker(NO_CRITERION_MET, OUTCOME));
		}
		if (props.requireCustomerConfirmation() && criteria.stream().allMatch(c -> c.confirmations().isEmpty())) {
			list.add(new Scorecard.Blocker(VALUE_NOT_CONFIRMED, OUTCOME));
		}
		for (ProjectIssues.Issue i : issues.forProject(project.id())) {
			if (i.open() && props.blockingIssueKinds().contains(i.kind().name())) {
				list.add(new Scorecard.Blocker("ISSUE_" + i.kind().name(), "TECHNICAL", i.title()));
			}
		}
		return list;
	}
}
