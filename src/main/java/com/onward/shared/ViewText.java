package com.onward.shared;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Renders a template into a string through the application's Thymeleaf view (messages, beans, links as on any
 * page), for pages that keep a rendering and serve it again. The response's headers stay the caller's business.
 */
@Component
public class ViewText {

	private final ThymeleafViewResolver views;

	ViewText(ThymeleafViewResolver views) {
		this.views = views;
	}

	public String render(String template, Map<String, Object> model, Locale locale, HttpServletRequest request,
			HttpServletResponse response) {
		try {
			View view = views.resolveViewName(template, locale);
			var text = new StringWriter(32 * 1024);
			var out = new PrintWriter(text);
			view.render(model, request, new Captured(response, out));
			out.flush();
			return text.toString();
		}
		catch (Exception e) {
			throw new IllegalStateException("The template " + template + " could not be rendered", e);
		}
	}

	/** Keeps the rendered text instead of writing it to the client, and leaves the headers alone. */
	private static final class Captured extends HttpServletResponseWrapper {

		private final PrintWriter writer;

		Captured(HttpServletResponse response, PrintWriter writer) {
			super(response);
			this.writer = writer;
		}

		@Override
		public PrintWriter getWriter() {
			return writer;
		}

		@Override
		public ServletOutputStream getOutputStream() {
			throw new IllegalStateException("rendered as text");
		}

		@Override
		public void flushBuffer() {
			writer.flush();
		}

		@Override
		public void setContentType(String type) {
		}

		@Override
		public void setCharacterEncoding(String encoding) {
		}

		@Override
		public void setLocale(Locale locale) {
		}
	}
}
