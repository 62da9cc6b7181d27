package com.onward.health;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Publishes health's events: one each for a few, in chunk events for many. */
@Component
class HealthEvents {

	private final ApplicationEventPublisher events;
	private final HealthProperties props;

	HealthEvents(ApplicationEventPublisher events, HealthProperties props) {
		this.events = events;
		this.props = props;
	}

	/**
	 * A few changes are published one event each; many (a bulk recompute) in chunk events, so that
	 * listeners react set-based and a recompute of 100,000 accounts publishes hundreds of events, not
	 * hundreds of thousands.
	 */
	<T> void publish(List<T> items, java.util.function.Function<List<T>, Object> chunk) {
		if (items.size() < props.bulkEventsFrom()) {
			items.forEach(events::publishEvent);
			return;
		}
		for (int i = 0; i < items.size(); i += props.bulkEventChunk()) {
			events.publishEvent(chunk.apply(items.subList(i, Math.min(items.size(), i + props.bulkEventChunk()))));
		}
	}
}
