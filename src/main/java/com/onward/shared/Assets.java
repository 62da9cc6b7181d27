package com.onward.shared;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * Public URLs of the static assets (stylesheets, scripts, webjars) with their content hash in the
 * name, so that browsers may keep them for a year ({@code spring.web.resources.chain.strategy.content})
 * and a new release is fetched at once. Templates call {@code ${#assets.url('/css/onward.css')}};
 * only these asset links are resolved, never every link of a page (ResourceUrlEncodingFilter is
 * off for that reason, see WebConfiguration).
 */
@Component("assets")
public class Assets {

	private final ResourceUrlProvider resources;

	private final Map<String, String> urls = new ConcurrentHashMap<>();

	Assets(@Qualifier("mvcResourceUrlProvider") ResourceUrlProvider resources) {
		this.resources = resources;
	}

	/** The fingerprinted URL of a static asset, or the path itself when it is no known asset. */
	public String url(String path) {
		return urls.computeIfAbsent(path, p -> {
			String resolved = resources.getForLookupPath(p);
			return resolved != null ? resolved : p;
		});
	}
}
