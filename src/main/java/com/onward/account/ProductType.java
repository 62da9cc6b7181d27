package com.onward.account;

/** How often the product is meant to be used; it decides the adoption thresholds (ADO-4). */
public enum ProductType {
	DAILY, WEEKLY, PERIODIC
}
