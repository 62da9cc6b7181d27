package com.onward.identity;

/**
 * What an API token may call (PLT-4): {@code FULL} acts with its role everywhere;
 * {@code INGEST} may post usage events and nothing else, so a product can hold it safely.
 */
public enum TokenScope {
	FULL, INGEST;

	/** The authority an ingestion token carries instead of a role. */
	public static final String INGEST_AUTHORITY = "SCOPE_INGEST";
}
