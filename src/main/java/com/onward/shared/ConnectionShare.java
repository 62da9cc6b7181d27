package com.onward.shared;

import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * How many connections one piece of background work (a full health recompute, an automation sweep) may hold at
 * once: what it asks for, but never more than a fifth of the connection pool, so listeners and web requests keep
 * theirs. Outside a Hikari pool: one.
 */
public final class ConnectionShare {

	private ConnectionShare() {
	}

	public static int of(DataSource dataSource, int wanted) {
		return Math.max(1, Math.min(wanted, poolSize(dataSource) / 5));
	}

	private static int poolSize(DataSource dataSource) {
		try {
			if (dataSource.isWrapperFor(HikariDataSource.class)) {
				return dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
			}
		}
		catch (SQLException e) {
			// not a Hikari pool: one at a time
		}
		return 1;
	}
}
