package com.onward.graduation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import com.onward.onboarding.Project;

/** The graduation page's "what stands in the way", the problems log and the hypercare window. */
@Component
class ReadinessView {

	private final Graduation graduation;
	private final ReadinessTexts texts;
	private final ProjectIssues issues;
	private final Hypercare hypercare;
	private final GraduationProperties props;
	private final ReadinessProperties readiness;
	private final HypercareProperties hypercareProps;
	private final Clock clock;

	ReadinessView(Graduation graduation, ReadinessTexts texts, ProjectIssues issues, Hypercare hypercare,
			GraduationProperties props, ReadinessProperties readiness, HypercareProperties hypercareProps, Clock clock) {
		this.graduation = graduation;
		this.texts = texts;
		this.issues = issues;
		this.hypercare = hypercare;
		this.props = props;
		this.readiness = readiness;
		this.hypercareProps = hypercareProps;
		this.clock = clock;
	}

	void addTo(Model model, Project project, Graduation.Card latest, Locale locale) {
		List<Scorecard.Blocker> now = graduation.blockers(project);
		model.addAttribute("standingInTheWay", latest == null ? List.of() : texts.standingInTheWay(latest, locale));
		model.addAttribute("blockerTexts", now.stream().map(b -> texts.blocker(b, locale)).toList());
		model.addAttribute("readyFrom", props.readyFrom().stripTrailingZeros().toPlainString());
		model.addAttribute("closeFrom", props.closeFrom().stripTrailingZeros().toPlainString());
		model.addAttribute("floor", readiness.dimensionFloor().stripTrailingZeros().toPlainString());
		model.addAttribute("issues", issues.forProject(project.id()));
		model.addAttribute("issueKinds", ProjectIssues.Kind.values());
		model.addAttribute("blockingKinds", readiness.blockingIssueKinds());
		model.addAttribute("hypercare", hypercare.window(project).orElse(null));
		model.addAttribute("hypercareTargetDays", hypercareProps.resolutionTargetDays());
		model.addAttribute("today", LocalDate.now(clock));
	}
}
