package com.onward.graduation;

import java.time.LocalDate;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.onward.onboarding.ItemStatus;
import com.onward.onboarding.Project;

/** The hypercare window: from the day the go-live milestone was completed, for the configured days. */
@Component
class Hypercare {

	/** Hypercare from {@code from} to {@code until}, both included. */
	/** Public: the graduation page asks it whether today is inside the window. */
	public record Window(LocalDate from, LocalDate until) {
		public boolean contains(LocalDate day) {
			return !day.isBefore(from) && !day.isAfter(until);
		}
	}

	private final HypercareProperties props;

	Hypercare(HypercareProperties props) {
		this.props = props;
	}

	Optional<Window> window(Project project) {
		return project.goLiveItem().filter(i -> i.status() == ItemStatus.DONE && i.completedOn() != null)
			.map(i -> new Window(i.completedOn(), i.completedOn().plusDays(props.days() - 1)));
	}

	LocalDate resolutionTarget(LocalDate loggedOn) {
		return loggedOn.plusDays(props.resolutionTargetDays());
	}
}
