package com.onward.usage;

/** More events in one request than {@code onward.usage.max-batch}; answered with 413. */
class BatchTooLargeException extends RuntimeException {

	BatchTooLargeException(int size, int max) {
		super("A batch may hold at most " + max + " events; this one has " + size + ". Split it into smaller batches.");
	}

	/** Reading stopped at the first event over the limit: how many more follow is not known. */
	static BatchTooLargeException over(int max) {
		return new BatchTooLargeException("A batch may hold at most " + max + " events; this one has more. "
				+ "Split it into smaller batches.");
	}

	private BatchTooLargeException(String message) {
		super(message);
	}
}
