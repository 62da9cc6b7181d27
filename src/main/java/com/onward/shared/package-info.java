/**
 * The few types every module needs: money, localised text, roles and segments, paging,
 * problem details for the API, the clock, the locale set-up and the zero-setup database.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN,
		allowedDependencies = {})
package com.onward.shared;
