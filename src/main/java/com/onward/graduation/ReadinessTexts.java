package com.onward.graduation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import com.onward.health.FlagTexts;

/** What stands between a scorecard and READY, in words: each dimension below the floor, each blocker. */
@Component
class ReadinessTexts {

	private final MessageSource messages;
	private final ReadinessProperties props;
	private final GraduationProperties graduation;

	ReadinessTexts(MessageSource messages, ReadinessProperties props, GraduationProperties graduation) {
		this.messages = messages;
		this.props = props;
		this.graduation = graduation;
	}

	List<String> standingInTheWay(Graduation.Card card, Locale locale) {
		var list = new ArrayList<String>();
		if (card.total().compareTo(graduation.readyFrom()) < 0) {
			list.add(messages.getMessage("readiness.total", new Object[] { plain(Scorecard.shown(card.total())),
					plain(graduation.readyFrom()) }, locale));
		}
		for (Dimension d : card.belowFloor()) {
			list.add(messages.getMessage("readiness.belowFloor", new Object[] {
					messages.getMessage("dimension." + d.name(), null, d.name(), locale),
					plain(card.scores().get(d)), plain(props.dimensionFloor()) }, locale));
		}
		for (Scorecard.Blocker b : card.blockers()) {
			list.add(blocker(b, locale));
		}
		return list;
	}

	String blocker(Scorecard.Blocker b, Locale locale) {
		String title = messages.getMessage(FlagTexts.titleKey(b.code()), null, b.code(), locale);
		return messages.getMessage("readiness.blocker", new Object[] { title }, locale)
				+ (b.detail() == null ? "" : ": " + b.detail());
	}

	private static String plain(BigDecimal n) {
		return n.stripTrailingZeros().toPlainString();
	}
}
