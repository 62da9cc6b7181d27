package com.onward.messaging;

/** An address asked for no more customer emails (lower-cased); sequences to it stop. */
public record RecipientUnsubscribed(String email) {
}
