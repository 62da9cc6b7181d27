package com.onward.graduation;

import java.time.LocalDate;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.onward.onboarding.ItemCompleted;
import com.onward.onboarding.ItemStatus;
import com.onward.onboarding.Project;

/**
 * The hypercare window: from the day the go-live milestone was completed, for the configured days. The
 * window is also written down when go-live is completed, so the portfolio can show who is in hypercare.
 */
@Component
class Hypercare {

	/** Hypercare from {@code from} to {@code until}, both included. */
	/** Public: the graduation and project pages ask it whether today is inside the window. */
	public record Window(LocalDate from, LocalDate until) {
		public boolean contains(LocalDate day) {
			return !day.isBefore(from) && !day.isAfter(until);
		}
	}

	private final HypercareProperties props;
	private final JdbcClient jdbc;

	Hypercare(HypercareProperties props, JdbcClient jdbc) {
		this.props = props;
		this.jdbc = jdbc;
	}

	Optional<Window> window(Project project) {
		return project.goLiveItem().filter(i -> i.status() == ItemStatus.DONE && i.completedOn() != null)
			.map(i -> new Window(i.completedOn(), i.completedOn().plusDays(props.days() - 1)));
	}

	LocalDate resolutionTarget(LocalDate loggedOn) {
		return loggedOn.plusDays(props.resolutionTargetDays());
	}

	/** In the go-live's transaction: the window the portfolio lists (moved when go-live is completed again). */
	@EventListener
	void on(ItemCompleted completed) {
		if (!completed.goLive()) return;
		jdbc.sql("""
				insert into hypercare_window (project_id, account_id, starts_on, ends_on) values (:p, :a, :from, :until)
				on conflict (project_id) do update set starts_on = excluded.starts_on, ends_on = excluded.ends_on""")
			.param("p", completed.projectId()).param("a", completed.accountId()).param("from", completed.completedOn())
			.param("until", completed.completedOn().plusDays(props.days() - 1)).update();
	}
}
