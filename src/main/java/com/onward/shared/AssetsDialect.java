package com.onward.shared;

import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * Makes {@link Assets} available to every template as {@code #assets}: link attributes (th:href,
 * th:src) may not reference beans with {@code @}, and error pages have no controller model.
 */
@Component
class AssetsDialect extends AbstractDialect implements IExpressionObjectDialect {

	private final Assets assets;

	AssetsDialect(Assets assets) {
		super("onward-assets");
		this.assets = assets;
	}

	@Override
	public IExpressionObjectFactory getExpressionObjectFactory() {
		return new IExpressionObjectFactory() {

			@Override
			public Set<String> getAllExpressionObjectNames() {
				return Set.of("assets");
			}

			@Override
			public Object buildObject(IExpressionContext context, String name) {
				return assets;
			}

			@Override
			public boolean isCacheable(String name) {
				return true;
			}
		};
	}
}
