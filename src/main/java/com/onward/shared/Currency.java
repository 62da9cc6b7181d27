package com.onward.shared;

/** Currencies a contract value may be stated in. */
public enum Currency {
	USD, IDR, MYR, EUR
}
