package com.onward.account;

import java.util.UUID;

import com.onward.shared.Segment;

/** A CS manager overrode an account's segment. */
public record SegmentChanged(UUID accountId, Segment from, Segment to, String reason) {
}
