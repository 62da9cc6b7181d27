package com.onward.portfolio;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import com.onward.shared.Formats;

/**
 * The portfolio table's rows as HTML. A page shows 25 rows (up to 200) of twelve cells, and written
 * as a Thymeleaf template those rows took more than half of the page's time on the server: about
 * thirty attribute processors and forty expressions per row, each a few microseconds. Written here
 * the rows cost a tenth of that, so the most used page of the product stays fast at 100,000
 * accounts. Every text and attribute value that is not a number, a UUID or an enum constant goes
 * through {@code htmlEscape} (the context path too); the markup (classes,
 * ARIA labels, links) is the one the template had, and the template keeps the table's head, the
 * empty state and the pager.
 */
@Component
class PortfolioRows {

	private final MessageSource messages;

	private final Formats formats;

	PortfolioRows(MessageSource messages, Formats formats) {
		this.messages = messages;
		this.formats = formats;
	}

	/** The rows' {@code <tr>} elements; {@code base} is the application's context path ("" at the root). */
	String html(List<Portfolio.Row> rows, Locale locale, String base) {
		var html = new StringBuilder(rows.size() * 2200);
		String root = htmlEscape(base);
		for (Portfolio.Row r : rows) {
			row(html, r, locale, root);
		}
		return html.toString();
	}

	/** One row; {@code root} is the context path, already escaped. */
	private void row(StringBuilder h, Portfolio.Row r, Locale locale, String root) {
		String name = r.accountName();
		String account = root + "/accounts/" + r.accountId();
		String health = account + "/health";
		String project = r.projectId() == null ? null : root + "/projects/" + r.projectId();

		h.append("<tr class=\"portfolio-row").append(r.overdue() ? " overdue" : "").append("\" data-account=\"")
			.append(htmlEscape(name)).append("\">\n");

		h.append("<td><a class=\"account-link\" href=\"").append(account).append("\">").append(htmlEscape(name)).append("</a>");
		if (project != null) {
			h.append("<div class=\"small\"><a class=\"project-link\" href=\"").append(project).append("\" aria-label=\"")
				.append(msg("workspace.openProjectOf", locale, name)).append("\">")
				.append(msg("workspace.openProject", locale)).append("</a></div>");
		}
		h.append("</td>\n");

		h.append("<td class=\"small nowrap right acv\">").append(htmlEscape(formats.money(r.acv()))).append("</td>\n");
		h.append("<td><span class=\"badge ").append(r.segment()).append("\">").append(msg("segment." + r.segment(), locale))
			.append("</span></td>\n");
		h.append("<td class=\"small\">").append(r.stage() == null ? "—" : htmlEscape(r.stage().in(locale))).append("</td>\n");

		h.append("<td class=\"nowrap\"><a href=\"").append(health).append("\" class=\"badge health ")
			.append(r.healthBand() == null ? "NO_DATA" : htmlEscape(r.healthBand())).append("\" aria-label=\"")
			.append(msg("workspace.healthOf", locale, name)).append("\">")
			.append(r.healthScore() == null ? "—" : r.healthScore().toString()).append("</a>");
		if (r.openFlags() > 0) {
			h.append("\n<a href=\"").append(health).append("\" class=\"badge red\">")
				.append(msg("portfolio.flags", locale, r.openFlags())).append("</a>");
		}
		h.append("</td>\n");

		h.append("<td>");
		if (project != null) {
			h.append("<a href=\"").append(project).append("\" style=\"display:block\" aria-label=\"")
				.append(msg("workspace.progressOf", locale, name, r.progressPercent())).append("\">")
				.append("<div class=\"bar\"><i style=\"width:").append(r.progressPercent()).append("%\"></i></div>")
				.append("<span class=\"pct\">").append(r.progressPercent()).append("%</span></a>");
		}
		h.append("</td>\n");

		h.append("<td class=\"small\">").append(r.csm() == null ? "—" : htmlEscape(r.csm())).append("</td>\n");
		h.append("<td class=\"small\">").append(r.specialist() == null ? "—" : htmlEscape(r.specialist())).append("</td>\n");
		h.append("<td class=\"nowrap\"><span>").append(htmlEscape(formats.date(r.forecastGraduationDate())))
			.append("</span></td>\n");

		h.append("<td class=\"nowrap slip\">");
		if (r.forecastGraduationDate() != null) {
			long slip = r.slipDays();
			h.append(slip > 0 ? "<span class=\"badge red\">" + msg("portfolio.slip", locale, slip)
					: "<span class=\"small muted\">" + msg("workspace.onPlan", locale)).append("</span>");
		}
		h.append("</td>\n");

		h.append("<td class=\"nowrap small ttv\">")
			.append(r.ttvDays() == null ? "—" : msg("portfolio.ttvDays", locale, r.ttvDays())).append("</td>\n");

		h.append("<td class=\"nowrap\">");
		if (r.overdue()) {
			h.append("<span class=\"badge red\">").append(msg("portfolio.overdueBadge", locale)).append("</span>\n");
		}
		if (r.overCapacity()) {
			h.append("<span class=\"badge yellow\">").append(msg("portfolio.overCapacityBadge", locale)).append("</span>\n");
		}
		if (r.inHypercare() && project != null) {
			h.append("<a href=\"").append(project).append("#hypercare\" class=\"badge yellow hypercare\">")
				.append(msg("portfolio.hypercareBadge", locale, formats.shortDate(r.hypercareUntil()))).append("</a>");
			if (r.hypercareOpenIssues() > 0) {
				h.append("\n<div class=\"small hypercare-issues\">")
					.append(msg("portfolio.hypercareIssues", locale, r.hypercareOpenIssues(),
							formats.shortDate(r.hypercareNextDue())))
					.append("</div>");
			}
		}
		h.append("</td>\n</tr>\n");
	}

	/** Escaped for HTML text and quoted attribute values: {@code < > & " '} (the page is UTF-8, so "—" stays "—"). */
	private static String htmlEscape(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

	/** A message in the viewer's language, escaped for HTML text and attribute values. */
	private String msg(String code, Locale locale, Object... args) {
		return htmlEscape(messages.getMessage(code, args, locale));
	}
}
